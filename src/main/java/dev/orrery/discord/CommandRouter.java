package dev.orrery.discord;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes interactions to the command of that name. Every command is deferred at once on JDA's event
 * thread (Discord wants an answer within 3 s) and handled on the command pool.
 */
final class CommandRouter extends ListenerAdapter {
  private static final Logger log = LoggerFactory.getLogger(CommandRouter.class);

  private final Map<String, SlashCommand> commands;
  private final SubscriptionsCommand subscriptionsCommand;
  private final CustomizeFormSubmission customizeForm;
  private final ExecutorService pool;
  private final DiscordReport report;

  CommandRouter(
      List<SlashCommand> commands,
      SubscriptionsCommand subscriptionsCommand,
      CustomizeFormSubmission customizeForm,
      ExecutorService pool,
      DiscordReport report) {
    this.commands =
        commands.stream()
            .collect(
                Collectors.toUnmodifiableMap(c -> c.definition().getName(), Function.identity()));
    this.subscriptionsCommand = subscriptionsCommand;
    this.customizeForm = customizeForm;
    this.pool = pool;
    this.report = report;
  }

  List<SlashCommandData> definitions() {
    return commands.values().stream()
        .map(SlashCommand::definition)
        .sorted((a, b) -> a.getName().compareTo(b.getName()))
        .toList();
  }

  @Override
  public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
    SlashCommand command = commands.get(event.getName());
    if (command == null) {
      report.command(event.getName(), DiscordReport.Command.UNKNOWN);
      event.reply("That command is no longer supported.").setEphemeral(true).queue();
      return;
    }
    boolean deferred = !command.answersWithModal(event);
    if (deferred) {
      event.deferReply(command.ephemeral()).queue();
    }
    run(
        "/" + event.getName(),
        () -> {
          try {
            command.handle(event);
            report.command(event.getName(), DiscordReport.Command.OK);
          } catch (RuntimeException e) {
            report.command(event.getName(), DiscordReport.Command.ERROR);
            log.error("/{} failed in channel {}", event.getName(), event.getChannelId(), e);
            if (!event.isAcknowledged()) {
              event.deferReply(true).queue();
            }
            Replies.error(
                event.getHook(),
                !deferred || command.ephemeral(),
                "Something went wrong on my side; nothing was changed. Please try again in a"
                    + " moment.");
          }
        });
  }

  @Override
  public void onCommandAutoCompleteInteraction(CommandAutoCompleteInteractionEvent event) {
    SlashCommand command = commands.get(event.getName());
    if (command == null) {
      event.replyChoices().queue();
      return;
    }
    run("autocomplete of /" + event.getName(), () -> command.autocomplete(event));
  }

  @Override
  public void onButtonInteraction(ButtonInteractionEvent event) {
    if (!event.getComponentId().startsWith(SubscriptionsCommand.BUTTON_PREFIX)
        || event.getGuild() == null) {
      return;
    }
    event.deferEdit().queue();
    run("a /subscriptions page", () -> subscriptionsCommand.turnPage(event));
  }

  /** A submitted /customize form; its custom id carries the subscription's id. */
  @Override
  public void onModalInteraction(ModalInteractionEvent event) {
    if (!event.getModalId().startsWith(CustomizeForm.MODAL_PREFIX) || event.getGuild() == null) {
      return;
    }
    event.deferReply(true).queue();
    run(
        "a /customize form",
        () -> {
          try {
            customizeForm.submit(event);
          } catch (RuntimeException e) {
            log.error("A /customize form failed in channel {}", event.getChannelId(), e);
            Replies.error(
                event.getHook(),
                true,
                "Something went wrong on my side; nothing was saved. Please try again in a"
                    + " moment.");
          }
        });
  }

  private void run(String what, Runnable task) {
    try {
      pool.execute(
          () -> {
            try {
              task.run();
            } catch (RuntimeException e) {
              log.error("Handling {} failed", what, e);
            }
          });
    } catch (RejectedExecutionException e) {
      log.warn("Dropped {}: shutting down", what);
    }
  }
}
