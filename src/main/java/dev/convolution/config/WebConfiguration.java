package dev.convolution.config;

import dev.convolution.api.BodyAdmissionFilter;
import dev.convolution.api.RequestIdFilter;
import dev.convolution.api.ResponseHeadersFilter;
import dev.convolution.service.ComputationPermits;
import dev.convolution.service.MemoryAdmission;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

/** Servlet-level wiring: the request id first, then the response headers, then body admission before anything reads a body. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> r = new FilterRegistrationBean<>(new RequestIdFilter());
        r.setOrder(Ordered.HIGHEST_PRECEDENCE);
        r.addUrlPatterns("/*");
        r.setDispatcherTypes(jakarta.servlet.DispatcherType.REQUEST, jakarta.servlet.DispatcherType.ERROR);
        return r;
    }

    @Bean
    FilterRegistrationBean<ResponseHeadersFilter> responseHeadersFilter() {
        FilterRegistrationBean<ResponseHeadersFilter> r = new FilterRegistrationBean<>(new ResponseHeadersFilter());
        r.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        r.addUrlPatterns("/*");
        r.setDispatcherTypes(jakarta.servlet.DispatcherType.REQUEST, jakarta.servlet.DispatcherType.ERROR);
        return r;
    }

    @Bean
    FilterRegistrationBean<BodyAdmissionFilter> bodyAdmissionFilter(LimitsProperties limits, MemoryAdmission memory, ComputationPermits permits,
            JsonMapper json) {
        FilterRegistrationBean<BodyAdmissionFilter> r = new FilterRegistrationBean<>(new BodyAdmissionFilter(limits.maxBodyBytes(), limits.bodyTimeout(), memory, permits, json));
        r.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        r.addUrlPatterns("/*");
        return r;
    }
}
