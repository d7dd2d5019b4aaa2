package dev.orrery.poll;

import javax.sql.DataSource;

/**
 * How one node polls a PostgreSQL database's feeds together with the other nodes on it.
 *
 * @param dataSource the application's pool, which Quartz's clustered job store borrows from
 * @param node this node's name, unique among the running nodes: Quartz's instance id
 * @param partitions how many partition jobs share the feeds ({@code poll.partitions}); the same on
 *     every node
 */
public record PollCluster(DataSource dataSource, String node, int partitions) {}
