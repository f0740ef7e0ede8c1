-- wrk script: POST /api/v1/leads with a unique email per request (thread id + counter)
local counter = 0
local tid = 0
local threads = 0

function setup(thread)
	threads = threads + 1
	thread:set("tid", threads)
end

function init(args)
	tid = tonumber(wrk.thread:get("tid")) or math.random(1, 1000000)
end

function request()
	counter = counter + 1
	local body = string.format('{"email":"w%d-%d-%d@bench%d.example","name":"Bench","source":"web_form"}',
		tid, counter, math.random(1, 1000000000), counter % 5000)
	return wrk.format("POST", "/api/v1/leads", {
		["Content-Type"] = "application/json",
		["Authorization"] = "Bearer " .. os.getenv("BATON_TOKEN"),
	}, body)
end
