package dev.netlab.tls.explain;

/**
 * What some octets of a message mean: {@code offset} and {@code length} in the record they came
 * in, the field's name in the RFC's structure, and its value in words.
 */
public record Annotation(int offset, int length, String field, String meaning) {
    public int end() {
        return offset + length;
    }
}
