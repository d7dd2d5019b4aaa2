package dev.orrery.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;

/**
 * A scripted interaction sent to the bot, and what the bot answered: the callback, the reply
 * message (immediate, or a deferred one once edited or followed up), follow-ups, autocomplete
 * choices, or a modal.
 */
public final class Interaction {
  public static final int TYPE_COMMAND = 2;
  public static final int TYPE_COMPONENT = 3;
  public static final int TYPE_AUTOCOMPLETE = 4;
  public static final int TYPE_MODAL_SUBMIT = 5;

  /** Callback types Discord defines. */
  public static final int CALLBACK_MESSAGE = 4;

  public static final int CALLBACK_DEFERRED_MESSAGE = 5;
  public static final int CALLBACK_DEFERRED_UPDATE = 6;
  public static final int CALLBACK_UPDATE_MESSAGE = 7;
  public static final int CALLBACK_AUTOCOMPLETE = 8;
  public static final int CALLBACK_MODAL = 9;

  private final long id;
  private final String token;
  private final int type;
  private final String name;
  private final Member member;
  private final Channel channel;
  private final Instant createdAt;
  private final MessageStore messages;
  private final Long componentMessageId;

  private Integer callbackType;
  private Long originalMessageId;
  private boolean originalComplete;
  private final List<Long> followUpIds = new ArrayList<>();
  private List<AutocompleteChoice> choices;
  private ShownModal modal;
  private final List<Attachment> attachments = new ArrayList<>();

  Interaction(
      long id,
      String token,
      int type,
      String name,
      Member member,
      Channel channel,
      Instant createdAt,
      MessageStore messages,
      Long componentMessageId) {
    this.id = id;
    this.token = token;
    this.type = type;
    this.name = name;
    this.member = member;
    this.channel = channel;
    this.createdAt = createdAt;
    this.messages = messages;
    this.componentMessageId = componentMessageId;
  }

  public long id() {
    return id;
  }

  public String token() {
    return token;
  }

  /** 2 slash command, 3 component, 4 autocomplete, 5 modal submit. */
  public int type() {
    return type;
  }

  /** The command name, or the custom id of a component or of the modal submitted. */
  public String name() {
    return name;
  }

  public Member member() {
    return member;
  }

  public Channel channel() {
    return channel;
  }

  public Instant createdAt() {
    return createdAt;
  }

  /** The callback type the bot answered with, if it has. */
  public synchronized OptionalInt callbackType() {
    return callbackType == null ? OptionalInt.empty() : OptionalInt.of(callbackType);
  }

  public synchronized boolean deferred() {
    return callbackType != null && callbackType == CALLBACK_DEFERRED_MESSAGE;
  }

  /**
   * Waits for the bot's reply: an immediate message, or the message a deferred reply became once
   * the bot edited it or sent its first follow-up, or the component message it updated.
   */
  public PostedMessage awaitReply(Duration timeout) {
    await(() -> originalComplete, timeout, "a reply to " + this);
    return currentOriginal()
        .orElseThrow(() -> new AssertionError("the reply to " + this + " was deleted"));
  }

  /** Waits until the bot acknowledged the interaction in any way, and returns the callback type. */
  public int awaitCallback(Duration timeout) {
    await(() -> callbackType != null, timeout, "a callback to " + this);
    return callbackType().getAsInt();
  }

  /**
   * Waits for at least {@code count} follow-up messages (not counting a deferred reply's
   * completion).
   */
  public List<PostedMessage> awaitFollowUps(int count, Duration timeout) {
    await(() -> followUpIds.size() >= count, timeout, count + " follow-ups to " + this);
    return followUps();
  }

  public synchronized List<PostedMessage> followUps() {
    List<PostedMessage> found = new ArrayList<>();
    for (long followUpId : followUpIds) {
      messages.byId(followUpId).ifPresent(found::add);
    }
    return found;
  }

  /** Waits for the choices the bot offered to an autocomplete interaction. */
  public List<AutocompleteChoice> awaitChoices(Duration timeout) {
    await(() -> choices != null, timeout, "autocomplete choices for " + this);
    synchronized (this) {
      return choices;
    }
  }

  /** Waits until the bot answered with a modal, and returns the modal the user now sees. */
  public ShownModal awaitModal(Duration timeout) {
    await(() -> modal != null, timeout, "a modal in answer to " + this);
    synchronized (this) {
      return modal;
    }
  }

  /** The modal the bot showed, if it answered with one. */
  public synchronized Optional<ShownModal> modal() {
    return Optional.ofNullable(modal);
  }

  /** The files the user attached to the command's attachment options. */
  public synchronized List<Attachment> attachments() {
    return List.copyOf(attachments);
  }

  // --- updates from the REST routes ---

  synchronized void showModal(ShownModal shown) {
    callbackType = CALLBACK_MODAL;
    modal = shown;
    notifyAll();
  }

  synchronized void addAttachment(Attachment attachment) {
    attachments.add(attachment);
  }

  synchronized boolean acknowledged() {
    return callbackType != null;
  }

  synchronized void acknowledge(int callback, Long original, boolean complete) {
    callbackType = callback;
    originalMessageId = original;
    originalComplete = complete;
    notifyAll();
  }

  synchronized void completeOriginal() {
    originalComplete = true;
    notifyAll();
  }

  synchronized boolean originalComplete() {
    return originalComplete;
  }

  synchronized void addFollowUp(long messageId) {
    followUpIds.add(messageId);
    notifyAll();
  }

  synchronized void offerChoices(List<AutocompleteChoice> offered) {
    callbackType = CALLBACK_AUTOCOMPLETE;
    choices = List.copyOf(offered);
    notifyAll();
  }

  synchronized Optional<Long> originalMessageId() {
    return Optional.ofNullable(originalMessageId);
  }

  synchronized boolean owns(long messageId) {
    return (originalMessageId != null && originalMessageId == messageId)
        || followUpIds.contains(messageId);
  }

  Optional<Long> componentMessageId() {
    return Optional.ofNullable(componentMessageId);
  }

  private Optional<PostedMessage> currentOriginal() {
    return originalMessageId().flatMap(messages::byId);
  }

  private synchronized void await(BooleanSupplier condition, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError(
            "expected "
                + what
                + " within "
                + timeout
                + "; callback so far: "
                + callbackType
                + ", follow-ups: "
                + followUpIds.size());
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
  }

  @Override
  public String toString() {
    String kind =
        type == TYPE_COMMAND
            ? "/"
            : type == TYPE_AUTOCOMPLETE
                ? "autocomplete /"
                : type == TYPE_MODAL_SUBMIT ? "modal " : "component ";
    return "Interaction("
        + kind
        + name
        + " by "
        + member.user().username()
        + " in #"
        + channel.name()
        + ")";
  }
}
