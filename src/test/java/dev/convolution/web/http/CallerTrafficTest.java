package dev.convolution.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class CallerTrafficTest {
    @Test
    void onlyACallersApiRequestCountsNotProbesNorTheWarmUpsOwn() {
        CallerTraffic traffic = new CallerTraffic();
        traffic.seen(new MockHttpServletRequest("GET", "/actuator/health/readiness"), "3f0c2a52-0d43-4c8e-9b43-2f1b8f5e1a10");
        traffic.seen(new MockHttpServletRequest("GET", "/v3/api-docs"), "probe-1");
        traffic.seen(new MockHttpServletRequest("POST", "/api/v1/images/convolve"), WarmUp.REQUEST_ID_PREFIX + "7");
        assertThat(traffic.arrived()).isFalse();
        traffic.seen(new MockHttpServletRequest("POST", "/api/v1/signals/convolve"), "caller-42");
        assertThat(traffic.arrived()).isTrue();
    }
}
