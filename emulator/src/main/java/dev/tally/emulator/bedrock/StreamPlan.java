package dev.tally.emulator.bedrock;

import java.util.List;

/**
 * A stream's frames, already encoded: those before the text, one per text delta, and those after it. The
 * split lets latency shaping pause between deltas and a fault cut the stream half-way through the text.
 */
record StreamPlan(List<byte[]> head, List<byte[]> deltas, List<Long> deltaTokens, List<byte[]> tail) {}
