/** Problem details (RFC 9457) for every failure: the controller advice, the error page, the servlet container's error report. */
package dev.convolution.web.problem;
