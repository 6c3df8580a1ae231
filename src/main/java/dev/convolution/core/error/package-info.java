/** The failures the core reports, each carrying the request fields to blame. */
package dev.convolution.core.error;
