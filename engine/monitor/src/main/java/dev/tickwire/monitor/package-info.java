/**
 * Watching a running engine from outside its hot path: Prometheus metrics read from the counters file,
 * alert rules and their channels (webhook, email), and the status a script can test. Nothing here runs
 * on the engine thread; everything reads what the engine's stages already publish in their counters.
 */
package dev.tickwire.monitor;
