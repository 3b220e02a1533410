#include "SweepRunner.h"

#include "SlurmJob.h"

#include "core/Error.h"
#include "io/RunOutput.h"

#include <QFile>
#include <algorithm>
#include <chrono>
#include <csignal>
#include <ctime>
#include <cstdio>
#include <fcntl.h>
#include <sys/file.h>
#include <filesystem>
#include <fstream>
#include <map>
#include <spawn.h>
#include <sstream>
#include <sys/wait.h>
#include <thread>
#include <utility>
#include <unistd.h>

extern char** environ;

namespace plab {

namespace fs = std::filesystem;

namespace {

volatile std::sig_atomic_t stopRequested = 0;

void onStop(int) { stopRequested = 1; }

std::string readFile(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string lastLine(const fs::path& path)
{
    std::string text = readFile(path);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
        text.pop_back();
    const auto nl = text.find_last_of("\n\r");
    return nl == std::string::npos ? text : text.substr(nl + 1);
}

std::string duration(double seconds)
{
    char text[64];
    if (seconds < 60)
        std::snprintf(text, sizeof text, "%.0f s", seconds);
    else if (seconds < 3600)
        std::snprintf(text, sizeof text, "%d min %02d s", int(seconds) / 60, int(seconds) % 60);
    else
        std::snprintf(text, sizeof text, "%d h %02d min", int(seconds) / 3600, int(seconds) % 3600 / 60);
    return text;
}

/// One `plasticity-lab run` with its output in the point's log.txt.
pid_t startPoint(const std::string& program, const std::vector<std::string>& arguments, const fs::path& log)
{
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(program.c_str()));
    for (const auto& a : arguments)
        argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    pid_t pid = -1;
    const int error = posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (error != 0)
        throw std::runtime_error("cannot start " + program + ": " + std::strerror(error));
    return pid;
}

/// An exclusive lock on a point's folder while one process runs it: two sweeps on one folder
/// (a local one and a resubmitted SLURM array, say) must not write the same run at once.
class PointLock {
public:
    explicit PointLock(const fs::path& folder)
        : fd_(::open((folder / ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644))
    {
        if (fd_ >= 0 && ::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
            ::close(fd_);
            fd_ = -1;
        }
    }
    PointLock(PointLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
    PointLock& operator=(PointLock&&) = delete;
    ~PointLock()
    {
        if (fd_ >= 0)
            ::close(fd_);
    }
    bool held() const { return fd_ >= 0; }

private:
    int fd_;
};

class ProgressLine {
public:
    ProgressLine(bool quiet, std::size_t total) : quiet_(quiet), tty_(::isatty(2)), total_(total) {}

    void show(std::size_t done, std::size_t failed, std::size_t running, double elapsed)
    {
        if (quiet_)
            return;
        std::string eta = "ETA —";
        if (done > 0 && done + failed < total_)
            eta = "ETA " + duration(elapsed / double(done) * double(total_ - done - failed));
        else if (done + failed == total_)
            eta = "took " + duration(elapsed);
        std::fprintf(stderr, "%ssweep: %zu/%zu done, %zu failed, %zu running, %s%s", tty_ ? "\r\033[K" : "", done,
                     total_, failed, running, eta.c_str(), tty_ ? "" : "\n");
        std::fflush(stderr);
    }
    void end()
    {
        if (!quiet_ && tty_)
            std::fprintf(stderr, "\n");
    }
    void say(const std::string& text)
    {
        if (quiet_)
            return;
        std::fprintf(stderr, "%s%s\n", tty_ ? "\r\033[K" : "", text.c_str());
    }

private:
    bool quiet_, tty_;
    std::size_t total_;
};

/// Runs the points on up to `jobs` processes. A failed or interrupted run leaves its summary
/// as summary.partial.json, so that "summary.json exists" means "finished".
int runLocally(const SweepSpec& spec, const std::string& dir, const std::vector<const SweepPoint*>& todo, int jobs,
               std::size_t finishedBefore, bool quiet)
{
    const std::string program = thisExecutable();
    ProgressLine progress(quiet, todo.size());
    progress.say("sweep: " + std::to_string(todo.size()) + " of " + std::to_string(todo.size() + finishedBefore)
                 + " runs to go (" + std::to_string(finishedBefore) + " finished before), " + std::to_string(jobs)
                 + " at a time, in " + dir);
    struct sigaction stop {}, oldInt {}, oldTerm {};
    stop.sa_handler = onStop;  // no SA_RESTART: the pause between polls ends at once
    sigemptyset(&stop.sa_mask);
    sigaction(SIGINT, &stop, &oldInt);
    sigaction(SIGTERM, &stop, &oldTerm);
    stopRequested = 0;

    const auto start = std::chrono::steady_clock::now();
    const auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
    struct Running {
        const SweepPoint* point;
        PointLock lock;
    };
    std::map<pid_t, Running> running;
    std::size_t next = 0, done = 0, failed = 0, elsewhere = 0;
    bool forwarded = false;
    // Polls with WNOHANG: a signal that arrives between the flag's check and a blocking wait
    // would otherwise go unnoticed until some run ends by itself.
    while ((next < todo.size() && !stopRequested) || !running.empty()) {
        const std::size_t before = running.size();
        while (!stopRequested && next < todo.size() && running.size() < std::size_t(jobs)) {
            const SweepPoint& p = *todo[next++];
            const fs::path folder = fs::path(dir) / p.folder;
            PointLock lock(folder);
            if (!lock.held() || pointFinished(dir, p)) {  // running, or finished meanwhile, elsewhere
                ++elsewhere;
                continue;
            }
            fs::remove(folder / "summary.partial.json");
            try {
                running.emplace(startPoint(program, pointRunArguments(spec, dir, p), folder / "log.txt"),
                                Running{&p, std::move(lock)});
            } catch (const std::exception& e) {
                ++failed;
                progress.say("sweep: " + p.folder + " failed: " + e.what());
            }
        }
        if (running.size() != before)
            progress.show(done, failed, running.size(), elapsed());
        if (stopRequested && !forwarded) {
            for (const auto& [pid, r] : running)
                ::kill(pid, SIGINT);  // each run writes what it has and exits 130
            forwarded = true;
        }
        int status = 0;
        const pid_t pid = ::waitpid(-1, &status, WNOHANG);
        if (pid <= 0) {
            if (pid < 0 && errno != EINTR && running.empty())
                break;
            const timespec pause{0, 20'000'000};  // 20 ms; a signal ends it early
            ::nanosleep(&pause, nullptr);
            continue;
        }
        const auto it = running.find(pid);
        if (it == running.end())
            continue;
        const SweepPoint& p = *it->second.point;
        const PointLock held = std::move(it->second.lock);  // until this run's files are settled
        running.erase(it);
        const fs::path folder = fs::path(dir) / p.folder;
        const bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0 && pointFinished(dir, p);
        if (ok) {
            ++done;
        } else {
            std::error_code ec;
            if (fs::exists(folder / "summary.json"))
                fs::rename(folder / "summary.json", folder / "summary.partial.json", ec);
            if (!stopRequested) {
                ++failed;
                const std::string why = WIFEXITED(status) ? "exit " + std::to_string(WEXITSTATUS(status))
                                                          : "signal " + std::to_string(WTERMSIG(status));
                progress.say("sweep: " + p.folder + " failed (" + why + "): " + lastLine(folder / "log.txt"));
            }
        }
        if (next >= todo.size() || stopRequested)
            progress.show(done, failed, running.size(), elapsed());
    }
    progress.end();
    sigaction(SIGINT, &oldInt, nullptr);
    sigaction(SIGTERM, &oldTerm, nullptr);
    if (stopRequested) {
        progress.say("sweep: interrupted; " + std::to_string(done + finishedBefore) + " of "
                     + std::to_string(todo.size() + finishedBefore)
                     + " runs are finished, the same command again runs the rest");
        return 130;
    }
    if (elsewhere > 0)
        progress.say("sweep: " + std::to_string(done) + " runs done here, " + std::to_string(elsewhere)
                     + " by another sweep process on this folder");
    if (failed > 0) {
        progress.say("sweep: " + std::to_string(failed) + " runs failed (their log.txt says why); the same command "
                     "again reruns them");
        return 1;
    }
    return 0;
}

} // namespace

std::string shellQuoted(const std::string& text)
{
    std::string out = "'";
    for (char c : text)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

std::string thisExecutable()
{
    std::error_code ec;
    const auto exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? std::string("plasticity-lab") : exe.string();
}

std::string sweepFolder(const SweepOptions& options)
{
    return options.outDir.empty() ? "out/sweep-" + fs::path(options.spec).stem().string() : options.outDir;
}

void prepareSweepFolder(const SweepSpec& spec, const std::string& dir)
{
    std::error_code ec;
    if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
        throw InputError("--out " + dir + ": exists and is not a folder");
    fs::create_directories(dir, ec);
    if (ec)
        throw InputError("--out " + dir + ": cannot create folder: " + ec.message());
    const QByteArray json = spec.sweepJson();
    const fs::path sweepJson = fs::path(dir) / "sweep.json";
    if (fs::exists(sweepJson)) {
        if (readFile(sweepJson) != json.toStdString())
            throw InputError(dir + ": holds another sweep (its sweep.json differs from " + spec.source
                             + "); choose another --out or remove the folder");
    } else {
        writeFileAtomically(sweepJson.string(), json.toStdString());
    }
    for (const SweepPoint& p : spec.points) {
        const fs::path folder = fs::path(dir) / p.folder;
        fs::create_directories(folder, ec);
        if (ec)
            throw InputError(folder.string() + ": cannot create folder: " + ec.message());
        if (!p.commands.empty() && readFile(folder / "commands.txt") != p.commands)
            writeFileAtomically((folder / "commands.txt").string(), p.commands);
    }
}

bool pointFinished(const std::string& dir, const SweepPoint& point)
{
    const fs::path summary = fs::path(dir) / point.folder / "summary.json";
    std::error_code ec;
    if (!fs::is_regular_file(summary, ec))
        return false;
    return readFile(summary).find("\"complete\": false") == std::string::npos;
}

std::vector<std::string> pointRunArguments(const SweepSpec& spec, const std::string& dir, const SweepPoint& point)
{
    const fs::path folder = fs::absolute(fs::path(dir) / point.folder);
    std::vector<std::string> args = {"run", spec.experiment, "--quiet", "--seed", std::to_string(point.seed),
                                     "--out", folder.string()};
    if (spec.seconds)
        args.insert(args.end(), {"--seconds", formatNumber(*spec.seconds)});
    for (const auto& a : point.assignments)
        args.insert(args.end(), {"--set", a});
    if (!point.commands.empty())
        args.insert(args.end(), {"--commands", (folder / "commands.txt").string()});
    return args;
}

int runSweep(const SweepOptions& options)
{
    const SweepSpec spec = SweepSpec::read(options.spec);
    const std::string dir = sweepFolder(options);
    prepareSweepFolder(spec, dir);

    std::vector<const SweepPoint*> selected;
    if (options.points.empty()) {
        for (const SweepPoint& p : spec.points)
            selected.push_back(&p);
    } else {
        for (const std::string& name : options.points) {
            const auto it = std::find_if(spec.points.begin(), spec.points.end(),
                                         [&](const SweepPoint& p) { return p.folder == name; });
            if (it == spec.points.end())
                throw InputError("--point " + name + ": not a point of " + options.spec + " (see " + dir
                                 + "/sweep.json)");
            if (std::find(selected.begin(), selected.end(), &*it) == selected.end())
                selected.push_back(&*it);
        }
    }
    std::vector<const SweepPoint*> todo;
    for (const SweepPoint* p : selected)
        if (!pointFinished(dir, *p))
            todo.push_back(p);
    const std::size_t finishedBefore = selected.size() - todo.size();

    if (options.printJobs) {
        const std::string spec = shellQuoted(fs::absolute(options.spec).string());
        const std::string out = shellQuoted(fs::absolute(dir).string());
        for (const SweepPoint* p : todo)
            std::printf("%s sweep %s --out %s --point %s --quiet\n", shellQuoted(thisExecutable()).c_str(), spec.c_str(),
                        out.c_str(), shellQuoted(p->folder).c_str());
        std::fprintf(stderr, "sweep: %zu commands for the unfinished points (%zu finished before)\n", todo.size(),
                     finishedBefore);
        return 0;
    }
    if (options.slurm)
        return submitSlurmArray(options, spec, dir, todo);
    if (todo.empty()) {
        if (!options.quiet)
            std::fprintf(stderr, "sweep: all %zu runs are finished already (%s); collect them with plasticity-lab "
                                 "collect %s\n", selected.size(), dir.c_str(), dir.c_str());
        return 0;
    }
    const int jobs = options.jobs > 0 ? options.jobs : int(std::max(1u, std::thread::hardware_concurrency()));
    return runLocally(spec, dir, todo, jobs, finishedBefore, options.quiet);
}

} // namespace plab
