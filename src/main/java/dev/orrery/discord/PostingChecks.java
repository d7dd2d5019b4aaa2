package dev.orrery.discord;

import dev.orrery.poll.PostingRules;
import java.util.Optional;

/** The posting side's rules for templates and appearances, for whoever sets them. */
public final class PostingChecks implements PostingRules {
  @Override
  public Optional<String> templateRefusal(String template) {
    try {
      MessageTemplate.compile(template);
      return Optional.empty();
    } catch (TemplateException e) {
      return Optional.of(e.getMessage());
    }
  }

  @Override
  public Optional<String> appearanceRefusal(String name, String avatarUrl) {
    return Appearances.refusal(name, avatarUrl);
  }
}
