package io.disruptorx.journal;

/**
 * How appended records reach a segment file and the device. Both lay out the same bytes (a record's length is
 * stored last, so a reader never sees a record before it is whole) and recover the same way; they differ in cost.
 */
public enum WritePath
{
    /**
     * Records are staged in memory and written with {@code write} at their place in the preallocated segment at the
     * end of each batch (or when the stage is full); a force is {@code fdatasync}. A durable batch costs about the
     * device's synchronous-write floor. The default.
     */
    WRITE,

    /**
     * Records are stored into the memory-mapped segment as they are appended; a force is {@code msync} of the
     * range. Appends need no system call, but a forced batch costs several times the device's floor (the mapped
     * pages' write-protect and fault cycle), so it suits {@link ForcePolicy#NEVER} best.
     */
    MAPPED
}
