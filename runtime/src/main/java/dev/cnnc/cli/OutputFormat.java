package dev.cnnc.cli;

/** {@code --format}: for people (text) or for programs (one JSON document on stdout). */
enum OutputFormat {
    text,
    json
}
