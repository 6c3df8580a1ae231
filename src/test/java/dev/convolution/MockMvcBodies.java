package dev.convolution;


/**
 * The property every MockMvc test sets: MockMvc's mock requests cannot be read with non-blocking input (their
 * stream refuses a {@code ReadListener}), which the service uses on platform threads, as on the Java 17 the
 * tests run on. MockMvc tests therefore read bodies with blocking reads; the tests through a real port cover
 * the non-blocking reads.
 */
public final class MockMvcBodies {
    public static final String BLOCKING = "convolution.limits.body-reads=blocking";

    private MockMvcBodies() {
    }
}
