// Command pulumi-language-nodejs is the Node.js language host this project runs the Pulumi engine
// with. Pulumi's own host is published as a separate Go module that the module proxy reachable
// from our machines does not serve, so this small host speaks the same LanguageRuntime protocol
// (from Pulumi's sdk module at the pinned version) and starts the program through the official
// entry point shipped in @pulumi/pulumi (cmd/run), exactly as Pulumi's host does.
//
// It supports what the project needs: running TypeScript and JavaScript programs with the
// project's Node. It reports no plugin dependencies (dynamic providers need none), installs no
// dependencies (npm does that) and does not generate code.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/cmdutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// The Node.js SDK exits with this code once it has shown the user an actionable message; the
// engine then stops without adding an error of its own.
const exitCodeAfterActionableMessage = 32

func main() {
	showVersion := flag.Bool("version", false, "print the version and exit")
	flag.String("tracing", "", "accepted for compatibility; tracing is not supported")
	runtimeName := flag.String("runtime", "nodejs", "the runtime; only nodejs is supported")
	flag.Parse()

	if *showVersion {
		fmt.Println(version.Version)
		return
	}
	if *runtimeName != "nodejs" {
		cmdutil.Exit(fmt.Errorf("unsupported runtime %q: this host runs nodejs only", *runtimeName))
	}

	host := &languageHost{}
	if args := flag.Args(); len(args) > 0 {
		host.setEngineAddress(args[0])
	}

	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, host)
			return nil
		},
	})
	if err != nil {
		cmdutil.Exit(fmt.Errorf("could not start the language host's gRPC server: %w", err))
	}

	// The engine reads the port from the first line we print.
	fmt.Printf("%d\n", handle.Port)

	if err := <-handle.Done; err != nil {
		cmdutil.Exit(fmt.Errorf("the language host stopped serving: %w", err))
	}
}

type languageHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer

	mu            sync.Mutex
	engineAddress string
}

func (host *languageHost) setEngineAddress(address string) {
	host.mu.Lock()
	defer host.mu.Unlock()
	host.engineAddress = address
}

func (host *languageHost) getEngineAddress() string {
	host.mu.Lock()
	defer host.mu.Unlock()
	return host.engineAddress
}

func (host *languageHost) Handshake(
	ctx context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	host.setEngineAddress(req.GetEngineAddress())
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (host *languageHost) GetPluginInfo(
	ctx context.Context, _ *emptypb.Empty,
) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version.Version}, nil
}

// Dynamic providers are served by the pulumi-nodejs plugin that ships with @pulumi/pulumi, which
// the engine finds on its own, so a program needs no plugins announced here.
func (host *languageHost) GetRequiredPlugins(
	ctx context.Context, _ *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return &pulumirpc.GetRequiredPluginsResponse{}, nil
}

func (host *languageHost) GetRequiredPackages(
	ctx context.Context, _ *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

func (host *languageHost) GetProgramDependencies(
	ctx context.Context, _ *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	return &pulumirpc.GetProgramDependenciesResponse{}, nil
}

// npm installs a program's dependencies; `pulumi install` has nothing left to do.
func (host *languageHost) InstallDependencies(
	_ *pulumirpc.InstallDependenciesRequest,
	_ grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse],
) error {
	return nil
}

func (host *languageHost) About(
	ctx context.Context, _ *pulumirpc.AboutRequest,
) (*pulumirpc.AboutResponse, error) {
	nodeBin, err := exec.LookPath("node")
	if err != nil {
		return nil, fmt.Errorf("node is not on PATH: %w", err)
	}
	out, err := exec.CommandContext(ctx, nodeBin, "--version").Output()
	if err != nil {
		return nil, fmt.Errorf("running %s --version: %w", nodeBin, err)
	}
	return &pulumirpc.AboutResponse{
		Executable: nodeBin,
		Version:    strings.TrimPrefix(strings.TrimSpace(string(out)), "v"),
	}, nil
}

func (host *languageHost) Run(
	ctx context.Context, req *pulumirpc.RunRequest,
) (*pulumirpc.RunResponse, error) {
	nodeBin, err := exec.LookPath("node")
	if err != nil {
		return &pulumirpc.RunResponse{Error: "could not find node on PATH: " + err.Error()}, nil
	}

	programDir := req.GetInfo().GetProgramDirectory()
	runEntry, err := resolveFrom(ctx, nodeBin, programDir, "@pulumi/pulumi/cmd/run")
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}

	env, err := programEnvironment(req)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}

	cmd := exec.CommandContext(ctx, nodeBin, host.runArguments(req, runEntry)...)
	cmd.Dir = programDir
	cmd.Env = env
	// Wrapping the writers keeps exec from handing our own descriptors to node, which may switch
	// them to non-blocking mode.
	cmd.Stdout = struct{ *os.File }{os.Stdout}
	cmd.Stderr = struct{ *os.File }{os.Stderr}
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 5 * time.Second

	err = cmd.Run()
	if err == nil {
		return &pulumirpc.RunResponse{}, nil
	}

	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		if exitErr.ExitCode() == exitCodeAfterActionableMessage {
			return &pulumirpc.RunResponse{Bail: true}, nil
		}
		message := fmt.Sprintf("Program exited with non-zero exit code: %d", exitErr.ExitCode())
		return &pulumirpc.RunResponse{Error: message}, nil
	}
	return &pulumirpc.RunResponse{Error: "could not run the Node.js program: " + err.Error()}, nil
}

// runArguments builds the command line of @pulumi/pulumi's cmd/run entry point.
func (host *languageHost) runArguments(req *pulumirpc.RunRequest, runEntry string) []string {
	args := []string{runEntry}
	addFlag := func(name, value string) {
		if value != "" {
			args = append(args, "--"+name, value)
		}
	}

	addFlag("monitor", req.GetMonitorAddress())
	addFlag("engine", host.getEngineAddress())
	addFlag("organization", req.GetOrganization())
	addFlag("project", req.GetProject())
	addFlag("root-directory", req.GetInfo().GetRootDirectory())
	addFlag("stack", req.GetStack())
	addFlag("pwd", req.GetInfo().GetProgramDirectory())
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	addFlag("parallel", strconv.Itoa(int(req.GetParallel())))

	entryPoint := req.GetInfo().GetEntryPoint()
	if entryPoint == "" {
		entryPoint = "."
	}
	args = append(args, entryPoint)
	return append(args, req.GetArgs()...)
}

// programEnvironment passes the stack's configuration the way the Node.js SDK reads it.
func programEnvironment(req *pulumirpc.RunRequest) ([]string, error) {
	// The SDK accepts both key forms; it documents `<namespace>:config:<name>` as the one every
	// SDK version understands.
	configuration := make(map[string]string, len(req.GetConfig()))
	for key, value := range req.GetConfig() {
		parsed, err := config.ParseKey(key)
		if err != nil {
			return nil, fmt.Errorf("invalid configuration key %q: %w", key, err)
		}
		configuration[parsed.Namespace()+":config:"+parsed.Name()] = value
	}

	configJSON, err := json.Marshal(configuration)
	if err != nil {
		return nil, err
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	secretKeysJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, err
	}

	env := os.Environ()
	env = append(env, "PULUMI_CONFIG="+string(configJSON))
	env = append(env, "PULUMI_CONFIG_SECRET_KEYS="+string(secretKeysJSON))
	if req.GetInfo().GetOptions().AsMap()["typescript"] != false {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	return env, nil
}

// resolveFrom finds a module the way the program itself would, from its own directory, so the
// program runs with the @pulumi/pulumi it depends on.
func resolveFrom(ctx context.Context, nodeBin, dir, module string) (string, error) {
	script := "process.stdout.write(require.resolve(process.argv[1]))"
	cmd := exec.CommandContext(ctx, nodeBin, "-e", script, module)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf(
			"could not find %s from %s: run `npm install` in the program's folder (%w)", module, dir, err)
	}
	return string(out), nil
}
