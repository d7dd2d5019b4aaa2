package dev.orrery.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PollRhythmTest {
  static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
  final PollRhythm rhythm =
      new PollRhythm(Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ofHours(1));

  /** {@code count} posts {@code gap} apart, the newest {@code gap} ago, dated by the feed. */
  static List<PollRhythm.Sighting> every(Duration gap, int count) {
    List<PollRhythm.Sighting> sightings = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      sightings.add(new PollRhythm.Sighting(NOW.minus(gap.multipliedBy(i)), null));
    }
    return sightings;
  }

  @Test
  void anHourlyFeedIsPolledEveryTwelveMinutes() {
    PollRhythm.Pace pace = rhythm.pace(every(Duration.ofHours(1), 10), NOW);
    assertThat(pace.interval()).isEqualTo(Duration.ofMinutes(12));
    assertThat(pace.describe()).isEqualTo("every 12 min: posts about every 1 h");
  }

  @Test
  void aFeedPostingEveryTwentyMinutesIsPolledEveryFour() {
    assertThat(rhythm.pace(every(Duration.ofMinutes(20), 10), NOW).describe())
        .isEqualTo("every 4 min: posts about every 20 min");
  }

  @Test
  void aMonthlyFeedIsPolledAtTheLongestInterval() {
    PollRhythm.Pace pace = rhythm.pace(every(Duration.ofDays(30), 10), NOW);
    assertThat(pace.interval()).isEqualTo(Duration.ofHours(1));
    assertThat(pace.reason()).isEqualTo("posts about every 30 days");
  }

  @Test
  void aFeedPostingEveryMinuteIsPolledNoFasterThanTheShortestInterval() {
    assertThat(rhythm.pace(every(Duration.ofMinutes(1), 10), NOW).interval())
        .isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void fewerThanThreeDistinctTimesShowNoRhythm() {
    List<PollRhythm.Sighting> two = every(Duration.ofMinutes(20), 2);
    // the same post seen twice, stored and read again, is one time
    two.add(two.get(0));
    PollRhythm.Pace pace = rhythm.pace(two, NOW);
    assertThat(pace.interval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(pace.reason()).isEqualTo("the default: too few posts to see a rhythm");
    assertThat(rhythm.pace(List.of(), NOW).interval()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void futureAndAncientDatesAreIgnoredOrReplacedByWhenThePostWasFirstSeen() {
    List<PollRhythm.Sighting> sightings = every(Duration.ofMinutes(20), 2);
    sightings.add(new PollRhythm.Sighting(NOW.plus(Duration.ofDays(300)), null));
    sightings.add(new PollRhythm.Sighting(Instant.parse("1970-01-01T00:00:00Z"), null));
    sightings.add(new PollRhythm.Sighting(null, null));
    assertThat(rhythm.pace(sightings, NOW).reason())
        .isEqualTo("the default: too few posts to see a rhythm");

    // a date after the post was first seen is the feed's mistake: when it was seen counts
    sightings.add(
        new PollRhythm.Sighting(NOW.plus(Duration.ofDays(3)), NOW.minus(Duration.ofMinutes(60))));
    assertThat(rhythm.pace(sightings, NOW).describe())
        .isEqualTo("every 4 min: posts about every 20 min");
  }

  @Test
  void onlyTheNewestTenTimesCount() {
    List<PollRhythm.Sighting> sightings = every(Duration.ofMinutes(20), 10);
    for (int i = 1; i <= 30; i++) {
      sightings.add(new PollRhythm.Sighting(NOW.minus(Duration.ofDays(30L * i)), null));
    }
    assertThat(rhythm.pace(sightings, NOW).interval()).isEqualTo(Duration.ofMinutes(4));
  }

  @Test
  void aFeedQuietForMuchLongerThanItsUsualGapDriftsTowardTheLongestInterval() {
    List<PollRhythm.Sighting> sightings = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      sightings.add(
          new PollRhythm.Sighting(
              NOW.minus(Duration.ofHours(3)).minus(Duration.ofMinutes(20L * i)), null));
    }
    PollRhythm.Pace pace = rhythm.pace(sightings, NOW);
    assertThat(pace.interval()).isEqualTo(Duration.ofMinutes(36));
    assertThat(pace.reason()).isEqualTo("no post for 3 h (before, about every 20 min)");

    sightings.add(new PollRhythm.Sighting(NOW.minus(Duration.ofMinutes(30)), null));
    assertThat(rhythm.pace(sightings, NOW).interval())
        .as("a quiet spell of up to two usual gaps is only a pause")
        .isEqualTo(Duration.ofMinutes(4));
  }

  @Test
  void anUnchangedFeedQuietSinceItsLastNewEntryIsPolledLessOften() {
    PollRhythm.Pace chosen = new PollRhythm.Pace(Duration.ofMinutes(4), "posts about every 20 min");
    assertThat(rhythm.quieter(chosen, NOW.minus(Duration.ofMinutes(30)), NOW)).isEqualTo(chosen);
    assertThat(rhythm.quieter(chosen, NOW.minus(Duration.ofHours(2)), NOW))
        .isEqualTo(new PollRhythm.Pace(Duration.ofMinutes(24), "no new post for 2 h"));
    assertThat(rhythm.quieter(chosen, NOW.minus(Duration.ofDays(2)), NOW))
        .isEqualTo(new PollRhythm.Pace(Duration.ofHours(1), "no new post for 2 days"));
    assertThat(rhythm.quieter(chosen, null, NOW)).isEqualTo(chosen);
  }

  @Test
  void anIntervalSetForTheSourceIsNotStretchedByQuiet() {
    PollRhythm.Pace set = rhythm.set(Duration.ofMinutes(4));
    assertThat(rhythm.quieter(set, NOW.minus(Duration.ofDays(2)), NOW)).isEqualTo(set);
  }

  @Test
  void aPollThatFindsNothingNewGivesThePaceChosenAtTheLastReadStretchedWhenQuiet() {
    assertThat(rhythm.atPoll(null, null, null, NOW)).isNull();
    assertThat(
            rhythm.atPoll(
                Duration.ofMinutes(4),
                "posts about every 20 min",
                NOW.minus(Duration.ofDays(2)),
                NOW))
        .isEqualTo(new PollRhythm.Pace(Duration.ofHours(1), "no new post for 2 days"));
    assertThat(
            rhythm.atPoll(
                Duration.ofMinutes(4),
                "posts about every 20 min",
                NOW.minus(Duration.ofDays(2)),
                null))
        .as("not polled since it was chosen")
        .isEqualTo(new PollRhythm.Pace(Duration.ofMinutes(4), "posts about every 20 min"));
  }

  @Test
  void aSourceSetsItsOwnIntervalButNeverUnderTheShortest() {
    assertThat(rhythm.set(Duration.ofHours(6)))
        .isEqualTo(new PollRhythm.Pace(Duration.ofHours(6), "set for this source"));
    assertThat(rhythm.set(Duration.ofSeconds(5)).interval()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void aFixedRhythmAlwaysAnswersItsInterval() {
    PollRhythm fixed = PollRhythm.fixed(Duration.ofMinutes(10));
    assertThat(fixed.pace(every(Duration.ofMinutes(1), 10), NOW).interval())
        .isEqualTo(Duration.ofMinutes(10));
    assertThat(fixed.pace(every(Duration.ofDays(30), 10), NOW).interval())
        .isEqualTo(Duration.ofMinutes(10));
  }
}
