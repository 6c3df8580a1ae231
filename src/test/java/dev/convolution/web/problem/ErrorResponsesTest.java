package dev.convolution.web.problem;

import static dev.convolution.WebTests.assertProblem;
import static dev.convolution.WebTests.postJson;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.convolution.MockMvcBodies;
import dev.convolution.service.ComputationPermits;
import dev.convolution.service.MemoryAdmission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** Every row of API.md's error table, as problem details naming the field, with no internals. */
@SpringBootTest(properties = {MockMvcBodies.BLOCKING, "convolution.limits.max-input-elements=1000", "convolution.limits.max-kernel-elements=100",
        "convolution.limits.max-trace-terms=50", "convolution.limits.max-body-bytes=20000",
        "convolution.concurrency.max-computations=2", "convolution.concurrency.retry-after-seconds=3"})
@AutoConfigureMockMvc
class ErrorResponsesTest {
    @Autowired
    MockMvc mvc;
    @Autowired
    ComputationPermits permits;
    @Autowired
    MemoryAdmission memory;


    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "malformed JSON | /api/v1/signals/convolve | {\"signal\": [1, 2 | body",
        "text after the JSON value | /api/v1/signals/convolve | {\"signal\": [1], \"kernel\": [1]} [] | body",
        "a body that is not an object | /api/v1/signals/convolve | [1, 2] | body",
        "a field sent twice | /api/v1/signals/convolve | {\"signal\": [1], \"signal\": [2], \"kernel\": [1]} | signal",
        "a nested field sent twice | /api/v1/arrays/convolve | {\"input\": [1], \"kernel\": [1], \"trace\": {\"all\": true, \"all\": false}} | trace.all",
        "a string for a number | /api/v1/signals/convolve | {\"signal\": [1, \"2\"], \"kernel\": [1]} | signal[1]",
        "a boolean for a number | /api/v1/images/convolve | {\"image\": [[1, true]], \"kernel\": [[1]]} | image[0][1]",
        "NaN | /api/v1/signals/convolve | {\"signal\": [NaN], \"kernel\": [1]} | body",
        "a number beyond double range | /api/v1/signals/correlate | {\"signal\": [1e999], \"kernel\": [1]} | signal[0]",
        "null inside a number array | /api/v1/signals/convolve | {\"signal\": [1, null], \"kernel\": [1]} | signal[1]",
        "a fraction for an integer | /api/v1/signals/convolve | {\"signal\": [1], \"kernel\": [1], \"stride\": 1.5} | stride",
        "a string for an integer | /api/v1/signals/convolve | {\"signal\": [1], \"kernel\": [1], \"dilation\": \"2\"} | dilation",
        "an unknown field | /api/v1/signals/convolve | {\"signal\": [1], \"kernel\": [1], \"modes\": \"same\"} | modes",
        "correlationConvention on a convolution | /api/v1/images/convolve | {\"image\": [[1]], \"kernel\": [[1]], \"correlationConvention\": \"sliding\"} | correlationConvention",
        "a bad enum value | /api/v1/signals/convolve | {\"signal\": [1], \"kernel\": [1], \"boundary\": \"mirror\"} | boundary",
        "an upper-case enum value | /api/v1/signals/correlate | {\"signal\": [1], \"kernel\": [1], \"correlationConvention\": \"SLIDING\"} | correlationConvention",
        "a ragged image | /api/v1/images/correlate | {\"image\": [[1, 2], [3]], \"kernel\": [[1]]} | image[1]",
        "a ragged kernel | /api/v1/images/convolve | {\"image\": [[1, 2], [3, 4]], \"kernel\": [[1], [2, 3]]} | kernel[1]",
        "an empty signal | /api/v1/signals/convolve | {\"signal\": [], \"kernel\": [1]} | signal",
        "an empty kernel row | /api/v1/images/convolve | {\"image\": [[1]], \"kernel\": [[]]} | kernel[0]",
        "a missing kernel | /api/v1/signals/convolve | {\"signal\": [1]} | kernel",
        "stride below 1 | /api/v1/signals/convolve | {\"signal\": [1], \"kernel\": [1], \"stride\": 0} | stride",
        "dilation below 1 in a pair | /api/v1/images/convolve | {\"image\": [[1]], \"kernel\": [[1]], \"dilation\": [1, 0]} | dilation[1]",
        "a stride pair of three | /api/v1/images/convolve | {\"image\": [[1]], \"kernel\": [[1]], \"stride\": [1, 1, 1]} | stride",
        "a stride pair for a signal | /api/v1/signals/convolve | {\"signal\": [1], \"kernel\": [1], \"stride\": [1, 2]} | stride",
        "a kernel not fitting in valid | /api/v1/signals/convolve | {\"signal\": [1, 2], \"kernel\": [1, 2, 3], \"mode\": \"valid\"} | kernel",
        "a dilated kernel not fitting in valid | /api/v1/images/convolve | {\"image\": [[1, 2, 3]], \"kernel\": [[1, 1]], \"mode\": \"valid\", \"dilation\": 3} | kernel",
        "a trace label out of range | /api/v1/signals/convolve | {\"signal\": [1, 2], \"kernel\": [1], \"trace\": {\"outputs\": [[2]]}} | trace.outputs[0]",
        "a trace label off the stride grid | /api/v1/signals/convolve | {\"signal\": [1, 2, 3, 4], \"kernel\": [1], \"stride\": 2, \"indexOrigin\": \"center\", \"trace\": {\"outputs\": [[-1]]}} | trace.outputs[0]",
        "a trace label with the wrong number of axes | /api/v1/images/convolve | {\"image\": [[1]], \"kernel\": [[1]], \"trace\": {\"outputs\": [[0]]}} | trace.outputs[0]",
        "a trace with both outputs and all | /api/v1/signals/convolve | {\"signal\": [1], \"kernel\": [1], \"trace\": {\"outputs\": [[0]], \"all\": true}} | trace.all",
        "a trace larger than the term limit | /api/v1/signals/convolve | {\"signal\": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], \"kernel\": [1, 2, 3, 4, 5, 6], \"trace\": {\"all\": true}} | trace.all",
        "kernelSymbols of the wrong shape | /api/v1/explain | {\"operation\": \"convolution\", \"inputShape\": [7, 7], \"kernelShape\": [3, 3], \"outputs\": [[0, 0]], \"kernelSymbols\": [[\"a\", \"b\", \"c\"], [\"d\"], [\"g\", \"h\", \"i\"]]} | kernelSymbols[1]",
        "kernelSymbols with too few rows | /api/v1/explain | {\"operation\": \"convolution\", \"inputShape\": [7, 7], \"kernelShape\": [3, 3], \"outputs\": [[0, 0]], \"kernelSymbols\": [[\"a\", \"b\", \"c\"]]} | kernelSymbols",
        "explain without operation | /api/v1/explain | {\"inputShape\": [7], \"kernelShape\": [3], \"all\": true} | operation",
        "explain with mismatched axes | /api/v1/explain | {\"operation\": \"convolution\", \"inputShape\": [7], \"kernelShape\": [3, 3], \"all\": true} | kernelShape",
        "explain with a zero shape | /api/v1/explain | {\"operation\": \"convolution\", \"inputShape\": [0], \"kernelShape\": [3], \"all\": true} | inputShape[0]",
        "explain without outputs | /api/v1/explain | {\"operation\": \"convolution\", \"inputShape\": [7], \"kernelShape\": [3]} | outputs",
    })
    void badRequestsGet400NamingTheField(String name, String path, String body, String field) throws Exception {
        assertProblem(postJson(mvc, path, body), 400, field);
    }

    @Test
    void badEnumValuesListTheAllowedOnes() throws Exception {
        postJson(mvc, "/api/v1/signals/convolve", "{\"signal\": [1], \"kernel\": [1], \"mode\": \"middle\"}")
                .andExpect(jsonPath("$.errors[0].message").value("must be one of full, same, valid; got 'middle'"));
    }

    @Test
    void traceTooLargeSaysHowToNarrowIt() throws Exception {
        postJson(mvc, "/api/v1/signals/convolve", "{\"signal\": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], \"kernel\": [1, 2, 3, 4, 5, 6], \"trace\": {\"all\": true}}")
                .andExpect(jsonPath("$.detail").value(containsString("the limit is 50 terms")))
                .andExpect(jsonPath("$.detail").value(containsString("list fewer outputs in trace.outputs")));
    }

    @Test
    void raggedRowsAreReportedAsTheContractShows() throws Exception {
        postJson(mvc, "/api/v1/images/convolve", "{\"image\": [[1,2,3,4,5,6,7],[1,2,3,4,5,6,7],[1,2,3,4]], \"kernel\": [[1]]}")
                .andExpect(jsonPath("$.errors[0].field").value("image[2]"))
                .andExpect(jsonPath("$.errors[0].message").value("row 2 has 4 values; row 0 has 7"));
    }

    @Test
    void arraysOverTheElementLimitGet413WithTheLimit() throws Exception {
        StringBuilder s = new StringBuilder("{\"signal\": [0");
        for (int i = 1; i < 1001; i++) {
            s.append(",1");
        }
        ResultActions r = postJson(mvc, "/api/v1/signals/convolve", s.append("], \"kernel\": [1]}").toString());
        assertProblem(r, 413, "signal");
        r.andExpect(jsonPath("$.detail").value(containsString("the limit is 1000")));
        StringBuilder k = new StringBuilder("{\"image\": [[1]], \"kernel\": [");
        for (int i = 0; i < 11; i++) {
            k.append(i == 0 ? "" : ",").append("[1,1,1,1,1,1,1,1,1,1]");
        }
        assertProblem(postJson(mvc, "/api/v1/images/convolve", k.append("]}").toString()), 413, "kernel");
    }

    @Test
    void bodiesOverTheByteLimitGet413WithTheLimitInBytes() throws Exception {
        String body = "{\"signal\": [" + "1,".repeat(12000) + "1], \"kernel\": [1]}";
        ResultActions r = postJson(mvc, "/api/v1/signals/convolve", body);
        assertProblem(r, 413, "body");
        r.andExpect(jsonPath("$.detail").value(containsString("20000 bytes")));
    }

    @Test
    void resultsThatOverflowGet422NamingTheFirstOutput() throws Exception {
        ResultActions r = postJson(mvc, "/api/v1/images/correlate",
                "{\"image\": [[1, 1], [1, 1e300]], \"kernel\": [[1e10]], \"indexOrigin\": \"center\"}");
        assertProblem(r, 422, "output");
        r.andExpect(jsonPath("$.detail").value(containsString("output [0, 0] is +infinity")));
    }

    @Test
    void aFullLightLaneGets503ForLightWork() throws Exception {
        int taken = 0;
        while (permits.tryAcquire(ComputationPermits.Lane.LIGHT)) {
            taken++;
        }
        try {
            ResultActions r = postJson(mvc, "/api/v1/signals/convolve", "{\"signal\": [1], \"kernel\": [1]}");
            assertProblem(r, 503, null);
            r.andExpect(header().string("Retry-After", "3")).andExpect(jsonPath("$.detail").value(containsString("light")));
        } finally {
            for (int i = 0; i < taken; i++) {
                permits.release(ComputationPermits.Lane.LIGHT);
            }
        }
        postJson(mvc, "/api/v1/signals/convolve", "{\"signal\": [1], \"kernel\": [1]}").andExpect(status().isOk());
    }

    @Test
    void bodiesThatDoNotFitInTheMemoryBudgetGet503BeforeTheyAreRead() throws Exception {
        MemoryAdmission.Reservation most = memory.reserve(memory.budget()); // the whole budget, as a huge request would
        try {
            // not even JSON: a 400 would mean it was read; the 503 comes from its Content-Length alone
            ResultActions r = mvc.perform(post("/api/v1/signals/convolve").contentType(MediaType.APPLICATION_JSON).content("{\"signal\": [1"));
            assertProblem(r, 503, null);
            r.andExpect(header().string("Retry-After", "3"))
                    .andExpect(jsonPath("$.type").value("urn:convolution:problem:saturated"))
                    .andExpect(jsonPath("$.detail").value(containsString("convolution.concurrency.memory-fraction")));
        } finally {
            most.close();
        }
        postJson(mvc, "/api/v1/signals/convolve", "{\"signal\": [1], \"kernel\": [1]}").andExpect(status().isOk());
        org.assertj.core.api.Assertions.assertThat(memory.used()).isZero();
    }

    @Test
    void unknownPathsGet404AsProblemDetails() throws Exception {
        assertProblem(mvc.perform(get("/api/v1/nowhere")), 404, null);
    }

    @Test
    void wrongMethodsGet405WithAllow() throws Exception {
        ResultActions r = mvc.perform(get("/api/v1/signals/convolve"));
        assertProblem(r, 405, null);
        r.andExpect(header().string("Allow", "POST"));
    }

    @Test
    void unacceptableAcceptHeadersGet406StillAsProblemDetails() throws Exception {
        assertProblem(mvc.perform(post("/api/v1/signals/convolve").contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.TEXT_PLAIN).content("{\"signal\": [1], \"kernel\": [1]}")), 406, null);
    }

    @Test
    void duplicateFieldsAreNamedNotCalledInvalidJson() throws Exception {
        postJson(mvc, "/api/v1/images/convolve", "{\"image\": [[1]], \"kernel\": [[1]], \"mode\": \"same\", \"mode\": \"full\"}")
                .andExpect(jsonPath("$.errors[0].field").value("mode"))
                .andExpect(jsonPath("$.errors[0].message").value("the field 'mode' appears twice in one object; send each field once"));
    }

    @Test
    void compressedBodiesGet415WithTheAcceptedEncoding() throws Exception {
        ResultActions r = mvc.perform(post("/api/v1/signals/convolve").contentType(MediaType.APPLICATION_JSON)
                .header("Content-Encoding", "gzip").content(new byte[] {0x1f, (byte) 0x8b, 8, 0}));
        assertProblem(r, 415, "Content-Encoding");
        r.andExpect(header().string("Accept-Encoding", "identity"))
                .andExpect(jsonPath("$.type").value("urn:convolution:problem:unsupported-content-encoding"))
                .andExpect(jsonPath("$.detail").value(containsString("Content-Encoding gzip")));
        postJson(mvc, "/api/v1/signals/convolve", "{\"signal\": [1], \"kernel\": [1]}").andExpect(status().isOk());
        mvc.perform(post("/api/v1/signals/convolve").contentType(MediaType.APPLICATION_JSON).header("Content-Encoding", "identity")
                .content("{\"signal\": [1], \"kernel\": [1]}")).andExpect(status().isOk());
    }

    @Test
    void everyResponseSaysNosniffAndHowItMayBeCached() throws Exception {
        postJson(mvc, "/api/v1/signals/convolve", "{\"signal\": [1], \"kernel\": [1]}").andExpect(status().isOk())
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Cache-Control", "no-store"));
        postJson(mvc, "/api/v1/signals/convolve", "{\"signal\": [}").andExpect(status().isBadRequest())
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Cache-Control", "no-store"));
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Cache-Control", "no-cache"));
    }

    @Test
    void theErrorPathAskedForDirectlyIsNotFound() throws Exception {
        assertProblem(mvc.perform(get("/error")), 404, null);
    }

    @Test
    void nonJsonBodiesGet415() throws Exception {
        assertProblem(mvc.perform(post("/api/v1/signals/convolve").contentType(MediaType.TEXT_PLAIN)
                .content("{\"signal\": [1], \"kernel\": [1]}")), 415, null);
    }
}
