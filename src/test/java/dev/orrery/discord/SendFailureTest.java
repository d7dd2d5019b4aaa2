package dev.orrery.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** How a failed post is answered: what is tried again, and what is given up. */
class SendFailureTest {
  @Test
  void aPostCancelledAsItsShardStoppedIsTriedAgainNotGivenUp() {
    // what JDA completes a shard's queued requests with when the shard shuts down
    SendFailure failure =
        SendFailure.of(
            new CompletionException(new CancellationException("RestAction has been cancelled")));
    assertThat(failure.kind()).isEqualTo(SendFailure.Kind.TRANSIENT);
    assertThat(failure.reason()).isEqualTo("cancelled as its shard stopped");
  }

  @Test
  void aMessageJdaRefusesToBuildIsGivenUp() {
    SendFailure failure = SendFailure.of(new IllegalArgumentException("Content may not be empty"));
    assertThat(failure.kind()).isEqualTo(SendFailure.Kind.REJECTED);
    assertThat(failure.reason()).isEqualTo("cannot be posted: Content may not be empty");
  }
}
