/**
 * Several Orrery processes on one PostgreSQL database: each node's identity and heartbeat, the
 * leases that give each Discord shard to one node, and the fair share that decides how many a node
 * takes. Plain Java over the stores; the Discord side is told what to start and stop.
 */
package dev.orrery.cluster;
