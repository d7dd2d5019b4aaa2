/**
 * What a subscription wants: the filter language ({@link dev.orrery.rules.Filter}, regular
 * expressions run by RE2/J in linear time) and story identity across sources ({@link
 * dev.orrery.rules.StoryLink}).
 *
 * <p>Filters and story links are plain Java and RE2/J, knowing neither the store nor Discord, so
 * the refresh transaction and the commands can both ask the same questions; {@link
 * dev.orrery.rules.SubscriptionRules} asks them of the store's subscriptions and entries while a
 * refresh is stored.
 */
package dev.orrery.rules;
