package dev.convolution.api;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The explorer is served by the service itself, from static resources with nothing from a CDN, at / and /explorer;
 * its script calls the public explain endpoint only (the browser test in scripts/browser-check draws with it).
 */
@SpringBootTest
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
}
