package dev.convolution.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convolution.config.ConcurrencyProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ComputationPermitsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ComputationPermits permits = new ComputationPermits(
            new ConcurrencyProperties(2, 3, 1, Duration.ofSeconds(30), 0.5, 5), new ComputationMetrics(registry));

    private double inUse(String lane) {
        return registry.get("convolution.permits.in.use").tag("lane", lane).gauge().value();
    }

    @Test
    void theGaugesReadThePermitsEachLaneHoldsNow() {
        assertThat(inUse("light")).isZero();
        assertThat(inUse("heavy")).isZero();
        assertThat(inUse("large-body")).isZero();
        permits.acquire(ComputationPermits.Lane.HEAVY);
        permits.acquire(ComputationPermits.Lane.LIGHT);
        permits.acquire(ComputationPermits.Lane.LIGHT);
        assertThat(permits.admitLargeBody()).isTrue();
        assertThat(inUse("heavy")).isEqualTo(1);
        assertThat(inUse("light")).isEqualTo(2);
        assertThat(inUse("large-body")).isEqualTo(1);
        permits.release(ComputationPermits.Lane.LIGHT);
        permits.release(ComputationPermits.Lane.HEAVY);
        permits.releaseLargeBody();
        assertThat(inUse("heavy")).isZero();
        assertThat(inUse("light")).isEqualTo(1);
        assertThat(inUse("large-body")).isZero();
    }

    @Test
    void aFullLaneRefusesAndItsGaugeStaysAtItsMaximum() {
        permits.acquire(ComputationPermits.Lane.HEAVY);
        permits.acquire(ComputationPermits.Lane.HEAVY);
        assertThat(permits.tryAcquire(ComputationPermits.Lane.HEAVY)).isFalse();
        assertThat(inUse("heavy")).isEqualTo(2);
        assertThat(permits.admitLargeBody()).isTrue();
        assertThat(permits.admitLargeBody()).isTrue();
        assertThat(permits.admitLargeBody()).isFalse();
        assertThat(inUse("large-body")).isEqualTo(2);
        assertThat(registry.get("convolution.rejected").tag("reason", "saturated").counter().count()).isEqualTo(1);
    }
}
