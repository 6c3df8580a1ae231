package dev.convolution.config;

import dev.convolution.api.BinaryResultConverter;
import dev.convolution.api.BodyAdmissionFilter;
import dev.convolution.api.MultipartRequestConverter;
import dev.convolution.api.RequestIdFilter;
import dev.convolution.api.ResponseHeadersFilter;
import dev.convolution.service.ComputationPermits;
import dev.convolution.service.MemoryAdmission;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.boot.thread.Threading;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/** Servlet-level wiring: the request id first, then the response headers, then body admission before anything reads a body. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> r = new FilterRegistrationBean<>(new RequestIdFilter());
        r.setOrder(Ordered.HIGHEST_PRECEDENCE);
        r.addUrlPatterns("/*");
        // ASYNC: a request whose body was read without blocking is handled in an ASYNC dispatch, which logs too
        r.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
        return r;
    }

    @Bean
    FilterRegistrationBean<ResponseHeadersFilter> responseHeadersFilter() {
        FilterRegistrationBean<ResponseHeadersFilter> r = new FilterRegistrationBean<>(new ResponseHeadersFilter());
        r.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        r.addUrlPatterns("/*");
        r.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        return r;
    }

    @Bean
    FilterRegistrationBean<BodyAdmissionFilter> bodyAdmissionFilter(LimitsProperties limits, MemoryAdmission memory, ComputationPermits permits,
            JsonMapper json, Environment environment) {
        FilterRegistrationBean<BodyAdmissionFilter> r = new FilterRegistrationBean<>(new BodyAdmissionFilter(limits.maxBodyBytes(),
                limits.bodyTimeout(), memory, permits, json, nonBlockingBodyReads(limits.bodyReads(), environment)));
        r.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        r.addUrlPatterns("/*");
        r.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        return r;
    }

    /**
     * Binary bodies: multipart/form-data requests (arrays as .npy or JSON parts, an image as PNG) read into the same
     * request records as JSON, through the body limits (Spring's own multipart resolver is off, so nothing reads a body
     * around them); results as .npy or PNG when Accept asks for them.
     */
    @Bean
    ServerHttpMessageConvertersCustomizer binaryBodies(JsonMapper json, LimitsProperties limits) {
        return builder -> builder.addCustomConverter(new MultipartRequestConverter(json, limits.maxInputElements(), limits.maxKernelElements()))
                .addCustomConverter(new BinaryResultConverter());
    }

    /** The explorer page (static/index.html) at / and at /explorer. */
    @Bean
    WebMvcConfigurer explorerPage() {
        return new WebMvcConfigurer() {
            @Override
            public void addViewControllers(ViewControllerRegistry registry) {
                registry.addViewController("/explorer").setViewName("forward:/index.html");
            }
        };
    }

    /** Non-blocking body reads unless requests run on virtual threads, or as configured. */
    static boolean nonBlockingBodyReads(LimitsProperties.BodyReads reads, Environment environment) {
        return switch (reads) {
            case AUTO -> !Threading.VIRTUAL.isActive(environment);
            case BLOCKING -> false;
            case NON_BLOCKING -> true;
        };
    }
}
