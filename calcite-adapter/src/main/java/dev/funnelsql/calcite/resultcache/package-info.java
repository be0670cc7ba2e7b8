/**
 * The result cache: answers of read-only, deterministic queries kept for a short time and shared by every connection
 * with the same model, store, credentials and settings, so that a dashboard that asks for a card again is answered
 * without the store. {@link dev.funnelsql.calcite.resultcache.CachingSignatures} is the hook in statement
 * preparation, {@link dev.funnelsql.calcite.resultcache.ResultCache} the shared, bounded, expiring store,
 * {@link dev.funnelsql.calcite.resultcache.CacheScope} what connections must have in common to share answers.
 */
package dev.funnelsql.calcite.resultcache;
