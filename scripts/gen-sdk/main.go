// gen-sdk writes a language SDK of the azure-flowlogs package with Pulumi's own code generator, from the
// schema `pulumi package get-schema` prints. The CLI's `pulumi package gen-sdk` would do the same through
// the language hosts pulumi-language-python and pulumi-language-dotnet, which the Go module proxy does not
// serve; the generators they call are Go packages it does serve.
//
//	gen-sdk SCHEMA.json OUT_DIR
//
// The language is chosen at build time: python.go (`-tags python`) or dotnet.go (`-tags dotnet`, built
// with go.dotnet.mod, since pkg/v3 stopped carrying the .NET generator after v3.225.1).
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// noOtherPackages is the binder's loader: the schema refers to no other Pulumi package, and must not.
type noOtherPackages struct{}

func (noOtherPackages) LoadPackage(name string, _ *semver.Version) (*schema.Package, error) {
	return nil, fmt.Errorf("the schema refers to package %q; it must be self-contained", name)
}

func (l noOtherPackages) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return l.LoadPackage(d.Name, d.Version)
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintf(os.Stderr, "usage: %s SCHEMA.json OUT_DIR\n", filepath.Base(os.Args[0]))
		os.Exit(2)
	}
	if err := generate(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintf(os.Stderr, "gen-sdk (%s): %v\n", language, err)
		os.Exit(1)
	}
}

func generate(schemaPath, outDir string) error {
	text, err := os.ReadFile(schemaPath)
	if err != nil {
		return err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(text, &spec); err != nil {
		return fmt.Errorf("%s: %w", schemaPath, err)
	}
	// BindSpec checks the schema against Pulumi's metaschema, as `pulumi package gen-sdk` does.
	pkg, diags, err := schema.BindSpec(spec, noOtherPackages{}, schema.ValidationOptions{})
	if err != nil {
		return err
	}
	if diags.HasErrors() {
		return fmt.Errorf("%s: %s", schemaPath, diags.Error())
	}
	files, err := generatePackage("pulumi-azure-flowlogs gen-sdk", pkg)
	if err != nil {
		return err
	}
	if err := os.RemoveAll(outDir); err != nil {
		return err
	}
	for name, content := range files {
		path := filepath.Join(outDir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, content, 0o644); err != nil {
			return err
		}
	}
	return nil
}
