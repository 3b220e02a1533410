#pragma once
// Runs one measurement in a forked child so that its peak memory (getrusage) is its own, and
// hands the trivially copyable result back through a pipe. Shared by the benchmarks.
#include <cstdio>
#include <exception>
#include <sys/wait.h>
#include <type_traits>
#include <unistd.h>

/// `measure()` in a child; false if it failed (an exception, a crash), after saying so on stderr.
template <class Result, class Measure>
bool inChildProcess(const char* label, Measure measure, Result& result)
{
    static_assert(std::is_trivially_copyable_v<Result>);
    int fds[2];
    if (pipe(fds) != 0)
        return false;
    const pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        Result r{};
        try {
            r = measure();
        } catch (const std::exception& error) {
            std::fprintf(stderr, "%s: %s\n", label, error.what());
            _exit(1);
        }
        _exit(write(fds[1], &r, sizeof r) == ssize_t(sizeof r) ? 0 : 1);
    }
    close(fds[1]);
    const bool ok = read(fds[0], &result, sizeof result) == ssize_t(sizeof result);
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    return ok;
}
