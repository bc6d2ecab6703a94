/** The AWS account commands: {@code iam}, {@code tags}, {@code export}, {@code ce}, {@code budget aws} and doctor. */
@NullMarked
package dev.tally.cli.account;

import org.jspecify.annotations.NullMarked;
