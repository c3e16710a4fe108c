/**
 * UDP (RFC 768): datagrams with ports and a checksum, and nothing else — no connection, no
 * acknowledgement, no retransmission, no ordering, no flow control. What the application
 * needs of those it builds itself: a timeout and bounded retries here, a whole sliding-window
 * protocol later.
 *
 * <pre>
 *  0      7 8     15 16    23 24    31
 * +--------+--------+--------+--------+
 * |     Source      |   Destination   |
 * |      Port       |      Port       |
 * +--------+--------+--------+--------+
 * |                 |                 |
 * |     Length      |    Checksum     |
 * +--------+--------+--------+--------+
 * |          data octets ...
 * +---------------- ...
 * </pre>
 */
package dev.netlab.transport.udp;
