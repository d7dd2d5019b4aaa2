package dev.orrery.store;

import static dev.orrery.store.StoreFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.config.Secret;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Dialect.class)
class WebhookStoreTest {
  @Parameter Dialect dialect;
  static final String TOKEN = "mU3ZkQ9-webhook-token-Zr4Hd8vN3pLm2Yt5RbQx7Kw";

  @TempDir Path dir;
  Database db;
  WebhookStore webhooks;

  @BeforeEach
  void open() {
    db = StoreFixture.open(dialect, dir);
    webhooks = new WebhookStore(db);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void aChannelHasNoWebhookUntilOneIsSavedThenItIsFoundWithItsToken() {
    assertThat(webhooks.find(10)).isEmpty();
    webhooks.save(new ChannelWebhook(10, 500, new Secret(TOKEN), T0));
    ChannelWebhook found = webhooks.find(10).orElseThrow();
    assertThat(found.webhookId()).isEqualTo(500);
    assertThat(found.token().reveal()).isEqualTo(TOKEN);
    assertThat(found.createdAt()).isEqualTo(T0);
    assertThat(webhooks.find(11)).isEmpty();
  }

  @Test
  void savingAgainReplacesTheChannelsWebhook() {
    webhooks.save(new ChannelWebhook(10, 500, new Secret(TOKEN), T0));
    webhooks.save(new ChannelWebhook(10, 501, new Secret("another-token-of-the-new-one"), T0));
    ChannelWebhook found = webhooks.find(10).orElseThrow();
    assertThat(found.webhookId()).isEqualTo(501);
    assertThat(found.token().reveal()).isEqualTo("another-token-of-the-new-one");
  }

  @Test
  void forgettingRemovesOnlyTheWebhookNamed() {
    webhooks.save(new ChannelWebhook(10, 501, new Secret(TOKEN), T0));
    // a stale failure about the webhook replaced since must not remove the new one
    assertThat(webhooks.forget(10, 500)).isFalse();
    assertThat(webhooks.find(10)).isPresent();
    assertThat(webhooks.forget(10, 501)).isTrue();
    assertThat(webhooks.find(10)).isEmpty();
  }

  @Test
  void theTokenNeverShowsInFullWhenTheWebhookIsPrinted() {
    webhooks.save(new ChannelWebhook(10, 500, new Secret(TOKEN), T0));
    String printed = webhooks.find(10).orElseThrow().toString();
    assertThat(printed).contains("500").contains("****").doesNotContain(TOKEN.substring(4, 12));
  }
}
