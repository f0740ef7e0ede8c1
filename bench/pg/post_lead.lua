-- wrk script: POST /api/v1/leads with a unique email per request across wrk processes: the
-- process's tag ($BATON_BENCH_TAG), the thread id and a counter (bench/http/post_lead.lua
-- repeats its emails in a second wrk process, which would measure dedupe, not intake)
local counter = 0
local tid = 0
local threads = 0
local tag = os.getenv("BATON_BENCH_TAG") or "x"

function setup(thread)
	threads = threads + 1
	thread:set("tid", threads)
end

function init(args)
	tid = tonumber(wrk.thread:get("tid")) or 0
end

function request()
	counter = counter + 1
	local body = string.format('{"email":"%s-%d-%d@bench%d.example","name":"Bench","source":"web_form"}',
		tag, tid, counter, counter % 5000)
	return wrk.format("POST", "/api/v1/leads", {
		["Content-Type"] = "application/json",
		["Authorization"] = "Bearer " .. os.getenv("BATON_TOKEN"),
	}, body)
end
