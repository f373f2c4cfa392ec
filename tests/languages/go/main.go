// A Go program using FlowLog as a remote component through the Automation API (an inline program, so no
// Go language host is needed): `go run . up true|false`, `go run . destroy`. The stack lives in the
// backend and home named by the environment (PULUMI_BACKEND_URL, PULUMI_HOME); the engine finds the
// provider plugin on PATH. Prints the stack's outputs as JSON after `up`.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// FlowLog is what a generated Go SDK's FlowLog would be: the schema's token, constructed by the plugin.
type FlowLog struct {
	pulumi.ResourceState
	FlowLogResourceId pulumi.StringOutput `pulumi:"flowLogResourceId"`
	Enabled           pulumi.BoolOutput   `pulumi:"enabled"`
}

func program(enabled bool) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		var log FlowLog
		err := ctx.RegisterRemoteComponentResource("azure-flowlogs:index:FlowLog", "web", pulumi.Map{
			"targetResourceId": pulumi.String(os.Getenv("FLOWLOG_TARGET")),
			"storageAccountId": pulumi.String(os.Getenv("FLOWLOG_STORAGE")),
			"enabled":          pulumi.Bool(enabled),
			"retentionPolicy":  pulumi.Map{"days": pulumi.Int(7)},
		}, &log)
		if err != nil {
			return err
		}
		ctx.Export("flowLogId", log.FlowLogResourceId)
		ctx.Export("enabled", log.Enabled)
		return nil
	}
}

func run(ctx context.Context, command string, enabled bool) error {
	project := auto.Project(workspace.Project{
		Name:    "flowlogs-go",
		Runtime: workspace.NewProjectRuntimeInfo("go", nil),
		Backend: &workspace.ProjectBackend{URL: os.Getenv("PULUMI_BACKEND_URL")},
	})
	stack, err := auto.UpsertStackInlineSource(ctx, "dev", "flowlogs-go", program(enabled), project)
	if err != nil {
		return err
	}
	if command == "destroy" {
		_, err = stack.Destroy(ctx)
		return err
	}
	result, err := stack.Up(ctx)
	if err != nil {
		return err
	}
	outputs := map[string]interface{}{}
	for name, output := range result.Outputs {
		outputs[name] = output.Value
	}
	return json.NewEncoder(os.Stdout).Encode(outputs)
}

func main() {
	if len(os.Args) < 2 || (os.Args[1] != "up" && os.Args[1] != "destroy") {
		fmt.Fprintln(os.Stderr, "usage: go run . up true|false | destroy")
		os.Exit(2)
	}
	enabled := len(os.Args) < 3 || os.Args[2] != "false"
	if err := run(context.Background(), os.Args[1], enabled); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
