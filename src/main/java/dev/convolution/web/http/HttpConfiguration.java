package dev.convolution.web.http;

import jakarta.servlet.DispatcherType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The first two filters of every request (its id, then the response headers), and the explorer page. */
@Configuration(proxyBeanMethods = false)
class HttpConfiguration {
    /** The body admission filter ({@code web.body}) runs after these. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

    @Bean
    CallerTraffic callerTraffic() {
        return new CallerTraffic();
    }

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter(CallerTraffic traffic) {
        FilterRegistrationBean<RequestIdFilter> r = new FilterRegistrationBean<>(new RequestIdFilter(traffic));
        r.setOrder(ORDER);
        r.addUrlPatterns("/*");
        // ASYNC: a request whose body was read without blocking is handled in an ASYNC dispatch, which logs too
        r.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
        return r;
    }

    @Bean
    FilterRegistrationBean<ResponseHeadersFilter> responseHeadersFilter() {
        FilterRegistrationBean<ResponseHeadersFilter> r = new FilterRegistrationBean<>(new ResponseHeadersFilter());
        r.setOrder(ORDER + 5);
        r.addUrlPatterns("/*");
        r.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        return r;
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
}
