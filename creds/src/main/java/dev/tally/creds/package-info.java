/**
 * The laptop: {@code tally creds} (a credential_process with an on-disk cache), the AWS profile it is
 * wired into, and the launcher that starts a client with it.
 */
@NullMarked
package dev.tally.creds;

import org.jspecify.annotations.NullMarked;
