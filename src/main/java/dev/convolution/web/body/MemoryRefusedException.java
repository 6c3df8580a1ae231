package dev.convolution.web.body;

import dev.convolution.service.MemoryAdmission;
import java.io.IOException;

/** A body whose heap does not fit in the memory admission budget next to the requests already admitted. */
public final class MemoryRefusedException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int retryAfterSeconds;

    public MemoryRefusedException(MemoryAdmission memory) {
        super("the service holds as much request data as its memory admits (" + memory.used() / (1 << 20) + " of "
                + memory.budget() / (1 << 20) + " MiB, convolution.concurrency.memory-fraction of the heap); retry after "
                + memory.retryAfterSeconds() + " s", null);
        this.retryAfterSeconds = memory.retryAfterSeconds();
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
