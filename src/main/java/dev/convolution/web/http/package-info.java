/** Request ids, the headers every response carries, and the explorer page. */
package dev.convolution.web.http;
