/** The command lines of the examples programs (demo, benchmark, soak run). */
package dev.funnelsql.examples.cli;
