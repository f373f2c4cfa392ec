//go:build dotnet

package main

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"strings"

	"github.com/pulumi/pulumi/pkg/v3/codegen/dotnet"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

const language = "dotnet"

// No extra files and no local package references: the SDK is the project the generator writes.
func generatePackage(tool string, pkg *schema.Package) (map[string][]byte, error) {
	// The generator downloads the NuGet package's icon (logo.png); this machine has no internet.
	http.DefaultTransport = localIcon{}
	return dotnet.GeneratePackage(tool, pkg, nil, nil)
}

// localIcon answers a request for a PNG with a plain 64x64 icon drawn here, and refuses any other request.
type localIcon struct{}

func (localIcon) RoundTrip(request *http.Request) (*http.Response, error) {
	if request.Method != http.MethodGet || !strings.HasSuffix(request.URL.Path, ".png") {
		return nil, fmt.Errorf("gen-sdk makes no network requests (%s %s)", request.Method, request.URL)
	}
	icon := image.NewRGBA(image.Rect(0, 0, 64, 64))
	for x := range 64 {
		for y := range 64 {
			icon.Set(x, y, color.RGBA{R: 0x00, G: 0x78, B: 0xd4, A: 0xff})
		}
	}
	var body bytes.Buffer
	if err := png.Encode(&body, icon); err != nil {
		return nil, err
	}
	return &http.Response{
		StatusCode: http.StatusOK,
		Header:     http.Header{"Content-Type": {"image/png"}},
		Body:       io.NopCloser(&body),
		Request:    request,
	}, nil
}
