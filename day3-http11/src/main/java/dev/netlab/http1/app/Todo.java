package dev.netlab.http1.app;

/** One to-do as the API sends it: {@code {"id":1,"title":"milk","done":false}}. */
public record Todo(long id, String title, boolean done) {}
