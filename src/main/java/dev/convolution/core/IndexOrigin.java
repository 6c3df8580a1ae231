package dev.convolution.core;

/** How indices are labelled. It changes labels, never values. */
public enum IndexOrigin {
    /** Array positions counted from 0, as in numpy. */
    CORNER,
    /** Position {@code ⌊n/2⌋} of each axis is label 0; a 7-long axis runs −3…3. */
    CENTER
}
