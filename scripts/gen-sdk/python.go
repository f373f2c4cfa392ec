//go:build python

package main

import (
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

const language = "python"

// The package depends on no other Pulumi package, so no reference loader is needed.
func generatePackage(tool string, pkg *schema.Package) (map[string][]byte, error) {
	return python.GeneratePackage(tool, pkg, nil, nil)
}
