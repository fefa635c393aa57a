//go:build race

package main

// batchRaceBuild says the tests run with the race detector, which makes the
// 200-document burst too slow to be worth it.
const batchRaceBuild = true
