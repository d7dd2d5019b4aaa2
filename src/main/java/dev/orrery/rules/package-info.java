/**
 * What a subscription wants: the filter language ({@link dev.orrery.rules.Filter}, regular
 * expressions run by RE2/J in linear time) and story identity across sources ({@link
 * dev.orrery.rules.StoryLink}).
 *
 * <p>Plain Java and RE2/J only: nothing here knows the store or Discord, so the refresh transaction
 * and the commands can both ask the same questions.
 */
package dev.orrery.rules;
