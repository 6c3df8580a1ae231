package dev.convolution.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;

/**
 * The bench profile's streaming echo, {@code POST /bench/bare/stream-echo}: Tomcat copies the request body back as it
 * arrives (64 KB at a time, chunked), the same connector, HTTP parsing and servlet streams as a streamed request, with no
 * limit, parsing or computation: the floor that the streamed figure S1 is a ratio to (scripts/stream-figures).
 */
@Configuration(proxyBeanMethods = false)
@Profile("bench")
class StreamEcho {

    @Bean
    FilterRegistrationBean<Filter> streamEchoFilter() {
        FilterRegistrationBean<Filter> r = new FilterRegistrationBean<>(new Echo());
        r.setOrder(Ordered.HIGHEST_PRECEDENCE);
        r.addUrlPatterns("/bench/bare/stream-echo");
        return r;
    }

    private static final class Echo implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
            HttpServletRequest in = (HttpServletRequest) request;
            HttpServletResponse out = (HttpServletResponse) response;
            if (!"POST".equals(in.getMethod())) {
                chain.doFilter(request, response);
                return;
            }
            out.setContentType("application/octet-stream");
            if (in.getContentLengthLong() >= 0) {
                out.setContentLengthLong(in.getContentLengthLong()); // as the service answers: its length known ahead
            }
            byte[] buffer = new byte[1 << 16];
            InputStream body = in.getInputStream();
            OutputStream echo = out.getOutputStream();
            int n;
            while ((n = body.read(buffer)) >= 0) {
                echo.write(buffer, 0, n);
            }
            echo.flush();
        }
    }
}
