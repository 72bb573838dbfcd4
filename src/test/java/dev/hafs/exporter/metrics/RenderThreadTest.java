package dev.hafs.exporter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Renders leave Helidon's virtual threads for a platform thread, and their failures come back. */
class RenderThreadTest {
    @Test
    void workCalledFromAVirtualThreadRunsOnAPlatformThread() throws InterruptedException {
        AtomicReference<Boolean> ranVirtual = new AtomicReference<>();
        Thread.ofVirtual().start(() -> ranVirtual.set(RenderThread.call(() -> Thread.currentThread().isVirtual()))).join();

        assertThat(ranVirtual.get()).isFalse();
    }

    @Test
    void aFailureReachesTheCallerAsItWasThrown() throws InterruptedException {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread.ofVirtual().start(() -> {
            try {
                RenderThread.call(() -> {
                    throw new OutOfMemoryError("simulated");
                });
            } catch (Throwable e) {
                thrown.set(e);
            }
        }).join();

        assertThat(thrown.get()).isInstanceOf(OutOfMemoryError.class).hasMessage("simulated");
    }
}
