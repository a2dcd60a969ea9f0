module github.com/bedsidehq/bedside

go 1.26.8
