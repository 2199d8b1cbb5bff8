/**
 * The byte cursors state snapshots are written and read with, little-endian: the engine's snapshot and the clustered
 * service's snapshot that wraps it. {@link io.disruptorx.protocol.snapshot.SnapshotWriter} appends into a caller's
 * buffer (an Agrona {@code ExpandableArrayBuffer} grows as it is written);
 * {@link io.disruptorx.protocol.snapshot.SnapshotReader} reads back with every read checked against the snapshot's
 * length, so a truncated snapshot is refused with a message rather than read past its end.
 */
package io.disruptorx.protocol.snapshot;
