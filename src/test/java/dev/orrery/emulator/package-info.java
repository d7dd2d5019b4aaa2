/**
 * A loopback Discord for end-to-end tests: the real JDA logs into {@link
 * dev.orrery.emulator.DiscordEmulator} over REST and the gateway on 127.0.0.1, and the test scripts
 * the Discord side.
 *
 * <p>Start one per test class or test ({@code DiscordEmulator.start()}, well under a second), build
 * the world ({@code createGuild}, {@code createTextChannel}, {@code createRole}, {@code
 * revoke}...), point JDA at it ({@code configure(JDABuilder)}, or the product's {@code
 * discord.api-base-url} and {@code discord.gateway-url} set to {@code restBaseUrl()} and {@code
 * gatewayUrl()}), then drive and observe: {@code interact}, {@code awaitMessages}, {@code
 * requests}, {@code stats}, {@code dropGateway}, {@code refuseGatewayConnections}, {@code
 * failNextRequests}, {@code loseNextAnswers}, {@code rateLimitNextRequests}.
 *
 * <h2>Shards</h2>
 *
 * {@code GET gateway/bot} answers {@code shards} ({@code builder().shards(n)}, 1 by default) and
 * {@code session_start_limit} ({@code sessionStartLimit(total, maxConcurrency)}, 1000 and 1 by
 * default; {@code remaining} goes down with each accepted IDENTIFY). An IDENTIFY may carry {@code
 * shard: [id, total]} (none is {@code [0, 1]}): {@code id} outside {@code 0..total-1}, or a {@code
 * total} unlike that of the sessions connected now, closes with 4010 Invalid shard; more guilds on
 * the shard than {@code maxGuildsPerShard} (Discord: 2500) closes with 4011 Sharding required; an
 * IDENTIFY with no start left closes with 4004, as Discord resets the token of a bot past its daily
 * limit; one from a bucket ({@code id % max_concurrency}) that identified less than 5 seconds
 * before gets op 9 Invalid Session (d:false). READY and GUILD_CREATE list the guilds of the
 * session's shard, and every event of a guild (interactions included) goes only to the sessions
 * whose shard is {@code (guild_id >> 22) % total}; an event of no guild goes to shard 0. Several
 * sessions (several processes, or one shard manager) may be connected at once. {@code
 * createGuildOnShard(name, id, total)} picks a guild id on that shard, {@code shardOf(guild,
 * total)} computes it, {@code sessionOf(guild)} tells which connected session gets it, {@code
 * identifies()} and {@code awaitShardIdentifies} list accepted IDENTIFYs with their shard, and
 * {@code configure(DefaultShardManagerBuilder)} points a shard manager here.
 *
 * <h2>Modals</h2>
 *
 * A slash command or a component interaction may be answered with a modal (callback type 9); a
 * modal submission, an autocomplete or an interaction already answered may not (400 50035, or
 * 40060). The modal is checked as Discord checks it, every breach listed in one 50035: custom id
 * 1-100, title 1-45, 1-5 components. Components are labels (type 18, what JDA 6.5 sends: label
 * 1-45, description up to 100, wrapping a text input or another input), text displays (10), or
 * legacy action rows (1) holding one text input with its own label. A text input has a custom id
 * 1-100 unique in the modal, style 1 or 2, min_length 0-4000, max_length 1-4000, a pre-filled value
 * within max_length and a placeholder up to 100. Components without an {@code id} get Discord's
 * numbering. {@code Interaction.awaitModal} returns the {@link dev.orrery.emulator.ShownModal};
 * {@code discord.submitModal(interaction, Map.of(customId, value))} sends MODAL_SUBMIT (type 5)
 * with the components shaped as shown and the values filled in (fields left out keep their
 * pre-filled value), plus the component's message when a button opened the modal. The bot answers
 * it like any interaction (reply, defer, follow-ups, or updating that message), read from the
 * returned {@link dev.orrery.emulator.Interaction}. Values the modal would refuse (length, a
 * required field empty, an unknown field) throw in the test, and only text inputs can be filled.
 *
 * <h2>Files</h2>
 *
 * {@code POST channels/{id}/messages}, forum posts, interaction callbacks (types 4 and 7),
 * follow-ups and edits (of the original response, of a channel message) take multipart/form-data as
 * JDA sends {@code FileUpload}s: the JSON in {@code payload_json}, files in {@code files[n]},
 * descriptions and names in {@code attachments[]}. JSON bodies work as before. At most 10 files
 * (400 50035) of at most 10 MiB each (413 40005 "Request entity too large"); a channel message with
 * files needs ATTACH_FILES (403 50013). An edit's {@code attachments} keeps the files it lists and
 * adds the new uploads. Files are stored on the message ({@code PostedMessage.attachments()},
 * {@code attachment(filename)}: name, content type, bytes) and served without a token at their
 * {@code url} ({@code /cdn/attachments/{channel}/{id}/{name}}) and {@code proxy_url} ({@code
 * /cdn/proxy/...}) on the REST port. JDA sends every file as octet-stream, so the content type is
 * guessed from the file name, as Discord sniffs it.
 *
 * <h2>Attachments on slash commands</h2>
 *
 * {@code CommandOption.attachment(name, filename, contentType, bytes)} is an option of type 11: the
 * file is stored and served like a message's, the option's value is its id, and {@code
 * data.resolved.attachments} carries id, filename, size, url, proxy_url and content_type. {@code
 * Interaction.attachments()} and {@code discord.attachment(id)} return what was stored.
 *
 * <h2>Webhooks</h2>
 *
 * With the bot token: {@code POST channels/{id}/webhooks} (name 1-80 not containing "clyde" or
 * "discord" in any case, else 400 50035; optional base64 image data URI avatar; MANAGE_WEBHOOKS in
 * the channel, else 403 50013; at most 15 per channel, else 400 30007 "Maximum number of webhooks
 * reached (15)"; not on threads, 400 50024), {@code GET channels/{id}/webhooks}, {@code GET
 * guilds/{id}/webhooks}, {@code GET} and {@code DELETE webhooks/{id}}, all needing MANAGE_WEBHOOKS.
 * With the webhook's token (no bot token): {@code GET} and {@code DELETE webhooks/{id}/{token}},
 * executing it with {@code POST webhooks/{id}/{token}}, and {@code GET}, {@code PATCH}, {@code
 * DELETE webhooks/{id}/{token}/messages/{message_id}} for what it sent ({@code ?thread_id=} for a
 * message in a thread, else 10008). An unknown or deleted webhook or a wrong token is 404 10015
 * "Unknown Webhook". The application's own id on these paths is an interaction's webhook
 * (follow-ups, the original response).
 *
 * <p>Executing checks the body with the same limits and mentions as channel messages (JSON or
 * multipart), takes no nonce, shows the message as {@code username} (1-80, same rule) or the
 * webhook's name and {@code avatar_url}, and answers 200 with the message for {@code wait=true},
 * else 204. {@code thread_id} posts in a thread of the webhook's channel (another thread: 400 50035
 * on thread_id, the emulator's own wording as Discord documents no code). In a forum, {@code
 * thread_name} starts a post whose starter message is this message (neither: 220001, both: 220002);
 * elsewhere {@code thread_name} is 220003. Webhook messages carry {@code webhook_id}, an author
 * with the webhook's id, the name and an avatar hash, {@code bot: true}, and {@code application_id}
 * when the bot's application created the webhook. Webhooks may ping @everyone and any role whatever
 * the bot's permissions.
 *
 * <p>{@code GET channels/{id}/messages} (VIEW_CHANNEL and READ_MESSAGE_HISTORY; {@code before},
 * {@code after}, {@code around}, {@code limit} 1-100, newest first) includes webhook messages.
 * Without the message content intent ({@code builder().messageContentIntent(true)} grants it) the
 * content, embeds, files and components of messages the app did not send (a user's webhook) come
 * back empty, as Discord does; those of the bot's own webhooks are readable.
 *
 * <p>{@code discord.webhooks()} is the test's side: {@code in(channel)}, {@code
 * createAsOwner(channel, name)} (a user's webhook), {@code delete(webhook)} (as a moderator would,
 * so the bot must create a new one), {@code messages(channel)} and {@code awaitMessages} (each with
 * {@code PostedMessage.webhook()}: webhook id, username, avatar URL), {@code
 * failNextExecutions(webhook, n, status)} (nothing posted) and {@code loseNextAnswers(webhook, n,
 * status)} (posted, then the answer replaced by the failure, for exactly-once checks; JDA retries
 * 502-504 by itself, so a lost 502 posts twice). {@code discord.awaitMessages(channel)} counts
 * webhook messages too.
 *
 * <p>Everything here runs in test scope only; JSON is JDA's {@code DataObject}.
 */
package dev.orrery.emulator;
