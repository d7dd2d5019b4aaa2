package dev.orrery.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NoncesTest {
  static final long CHANNEL = 1_378_547_428_825_497_602L;

  @Test
  void eachPartOfADigestHasItsOwnFixedNonceWithinDiscordsLength() {
    List<String> nonces =
        List.of(
            Nonces.digest(CHANNEL, 42, 1),
            Nonces.digest(CHANNEL, 42, 2),
            Nonces.digest(CHANNEL, 43, 1),
            Nonces.entry(CHANNEL, 42),
            Nonces.burstSummary(CHANNEL, 42));

    assertThat(nonces).doesNotHaveDuplicates();
    assertThat(Nonces.digest(CHANNEL, 42, 2)).isEqualTo(Nonces.digest(CHANNEL, 42, 2));
    assertThat(Nonces.digest(Long.MAX_VALUE, Long.MAX_VALUE, 99))
        .hasSizeLessThanOrEqualTo(Nonces.MAX_LENGTH);
  }
}
