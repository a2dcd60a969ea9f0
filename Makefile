# Developer shortcuts; CI runs .ci/run.
.PHONY: test race lint bench fuzz names

test:
	go test ./...

race:
	go test -race ./...

lint:
	gofmt -l . && go vet ./...

# Single-core throughput and latency of the scanner, media stripping and mail (compose, send).
bench:
	go test -run '^$$' -bench . -benchmem -cpu 1 ./phi/ ./media/ ./mail/

fuzz:
	go test -run '^$$' -fuzz FuzzScan -fuzztime 60s ./phi/
	go test -run '^$$' -fuzz FuzzStream -fuzztime 60s ./scanio/
	go test -run '^$$' -fuzz FuzzStrip -fuzztime 60s ./media/
	go test -run '^$$' -fuzz FuzzAnonymize -fuzztime 30s ./share/
	go test -run '^$$' -fuzz FuzzRender -fuzztime 60s ./mail/
	go test -run '^$$' -fuzz FuzzVerify -fuzztime 60s ./webhook/
	go test -run '^$$' -fuzz FuzzParseRetryAfter -fuzztime 30s ./connector/
	go test -run '^$$' -fuzz FuzzDecodeNeverQuotes -fuzztime 30s ./connector/google/
	go test -run '^$$' -fuzz FuzzParseExport -fuzztime 30s ./connector/google/
	go test -run '^$$' -fuzz FuzzReviewsFile -fuzztime 30s ./web/
	go test -run '^$$' -fuzz FuzzParseCommentEvent -fuzztime 30s ./connector/facebook/
	go test -run '^$$' -fuzz FuzzDecodeNeverQuotes -fuzztime 30s ./connector/facebook/
	go test -run '^$$' -fuzz FuzzClassify -fuzztime 30s ./sms/
	go test -run '^$$' -fuzz FuzzVerifySignature -fuzztime 30s ./sms/
	go test -run '^$$' -fuzz FuzzSegments -fuzztime 30s ./sms/
	go test -run '^$$' -fuzz FuzzNormalize -fuzztime 30s ./consent/

# Retrain the person-name model from the shared tweet training sets.
names:
	go run ./phi/internal/trainnames -out phi/rules/names/person.model \
		../shared/data/tweets/btc.train ../shared/data/tweets/wnut17train.conll
