package dev.convolution.web.http;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.convolution.MockMvcBodies;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The explorer is served by the service itself, from static resources with nothing from a CDN, at / and /explorer;
 * its script calls the public explain endpoint only (the browser test in scripts/browser-check draws with it).
 */
@SpringBootTest(properties = MockMvcBodies.BLOCKING)
@AutoConfigureMockMvc
class ExplorerPageTest {
    @Autowired
    MockMvc mvc;

    @Test
    void thePageIsServedAtTheRootAndAtExplorerWithItsOwnScriptAndStyles() throws Exception {
        mvc.perform(get("/index.html")).andExpect(status().isOk()).andExpect(content().string(containsString("Convolution explorer")))
                .andExpect(content().string(containsString("src=\"/explorer/explorer.js\"")))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("https://"))));
        mvc.perform(get("/explorer")).andExpect(status().isOk()).andExpect(forwardedUrl("/index.html"));
        mvc.perform(get("/explorer/explorer.js")).andExpect(status().isOk())
                .andExpect(content().string(containsString("fetch('/api/v1/explain'")))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("http"))));
        mvc.perform(get("/explorer/explorer.css")).andExpect(status().isOk());
    }

    /** A browser asks every site for /favicon.ico: answered with an icon, not a 404 in the page's console. */
    @Test
    void theBrowsersIconIsServed() throws Exception {
        byte[] icon = mvc.perform(get("/favicon.ico")).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        org.assertj.core.api.Assertions.assertThat(java.util.Arrays.copyOf(icon, 4)).as("an ICO file's header").containsExactly(0, 0, 1, 0);
    }
}
