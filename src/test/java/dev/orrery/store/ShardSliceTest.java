package dev.orrery.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ShardSliceTest {
  /** A guild id on shard {@code shard % total}: Discord's shard is taken from the bits above 22. */
  static long guild(long n, int x) {
    return (n << 22) | x;
  }

  @Test
  void aGuildIsOnTheShardOfItsIdBitsAbove22() {
    ShardSlice oneOfThree = new ShardSlice(Set.of(1), 3);
    assertThat(oneOfThree.holds(guild(1, 5))).isTrue();
    assertThat(oneOfThree.holds(guild(4, (1 << 22) - 1))).isTrue();
    assertThat(oneOfThree.holds(guild(3, 1))).isFalse();
    assertThat(oneOfThree.holds(81384788765712384L)).isEqualTo((81384788765712384L >> 22) % 3 == 1);
  }

  @Test
  void allHoldsEveryGuildAndAnEmptySliceNone() {
    for (long n = 0; n < 10; n++) {
      assertThat(ShardSlice.all(4).holds(guild(n, 7))).isTrue();
      assertThat(new ShardSlice(Set.of(), 4).holds(guild(n, 7))).isFalse();
    }
    assertThat(ShardSlice.all(4).shards()).containsExactlyInAnyOrder(0, 1, 2, 3);
  }

  @Test
  void aShardOutsideTheCountOrNoShardsAtAllIsRefusedWithWhatIsAllowed() {
    assertThatThrownBy(() -> new ShardSlice(Set.of(0, 3), 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("shard 3 is not one of the 3 shards (0 to 2)");
    assertThatThrownBy(() -> ShardSlice.all(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("give a shard count of 1 or more");
  }
}
