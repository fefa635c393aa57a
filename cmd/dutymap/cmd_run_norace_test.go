//go:build !race

package main

// batchRaceBuild says the tests run with the race detector.
const batchRaceBuild = false
