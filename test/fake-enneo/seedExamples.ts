/**
 * The example payloads of Enneo's bulk-update page (`PATCH /ticket`, docs/enneo-api-notes.md#bulk-update) and store
 * page (`POST /ticket/{id}/conversation/store`, docs/enneo-api-notes.md#conversation-store), verbatim. Tests send them to the
 * fake Enneo to prove it accepts what those pages document, and compare the node's requests with them.
 */

/** The one array element of the bulk-update page's `PATCH /ticket` example: a whole ticket object. */
export const SEED_BULK_UPDATE_ELEMENT = {
	"id": 376189,
	"from": "tom@gmail.com",
	"fromName": "Tom Mustermann",
	"to": [
		"service@energy.com"
	],
	"ccEmails": [
		"secondlevel@enneo.ai"
	],
	"replyCcEmails": [
		"jsmith@example.com"
	],
	"subchannelId": 123,
	"sentiment": "positive",
	"language": "English",
	"languageCode": "en",
	"autoExecuteAt": "2023-11-07T05:31:56Z",
	"aiSupportLevel": "unprocessed",
	"isCustomerActive": true,
	"interface": "internal",
	"priority": "low",
	"channel": "email",
	"channelId": "32291c7e-1cce-4d4c-8269-15e6a6501466",
	"status": "open",
	"summary": "I want to relocate and send you a meter reading",
	"subject": "I want to relocate and send you a meter reading",
	"bodyPlain": "Sehr geehrter Kundenservice,\n\nkönnten Sie bitte den beiliegenden Zählerstand meines Zählers in Ihr System eintragen und mir eine Zwischenrechnung zukommen lassen? Außerdem würde ich gerne zu meiner neuen Adresse Hugo-Junkers-Str. 5 in 82031 Grünwald wechseln. Ich ziehe nächsten Donnerstag ein. Können Sie meinen alten Vertrag zum 1. November für mich kündigen?\n\nIch danke Ihnen, Tom",
	"body": "<p>Sehr geehrter Kundenservice,</p><p>könnten Sie bitte den beiliegenden Zählerstand meines Zählers in Ihr System eintragen und mir eine Zwischenrechnung zukommen lassen? Außerdem würde ich gerne zu meiner neuen Adresse Hugo-Junkers-Str. 5 in 82031 Grünwald wechseln. Ich ziehe nächsten Donnerstag ein. Können Sie meinen alten Vertrag zum 1. November für mich kündigen?</p><p>Ich danke Ihnen, Tom</p>",
	"isEscalated": false,
	"createdAt": "2022-12-13 22:18:06",
	"modifiedAt": null,
	"firstResponseDueBy": "2022-12-14 22:18:06",
	"dueBy": "2022-12-15 22:18:06",
	"closedAt": null,
	"customer": {
		"id": 83771,
		"emailMatches": true,
		"business": false,
		"company": null,
		"firstname": "Tom",
		"lastname": "Mustermann",
		"address": "Hugo-Junkers-Str. 5",
		"phone": 49123456789,
		"email": "tom@mustermann.de",
		"tags": [
			{
				"id": 2,
				"color": "green",
				"name": "VIP"
			}
		],
		"contracts": [
			{
				"id": 746839,
				"orderId": 123,
				"tenant": null,
				"customerId": 123,
				"signupDate": 1661126400,
				"status": "active",
				"statusCode": 5000,
				"statusCodeTitle": "active",
				"energy": "electricity",
				"energyTypeId": 1,
				"energySubTypeId": 1,
				"email": "johndoe@example.com",
				"firstname": "John",
				"lastname": "Doe",
				"deliveryAddress": "Hugo-Junkers-Str. 5, 82031 Grünwald",
				"iban": "DE89370400440532013000",
				"monthlyDeposit": 53,
				"startDate": 1661990400,
				"endDate": null,
				"consumption": 3477,
				"counterNumber": "1ESY1160669167",
				"productId": 1,
				"productName": "Flex 24",
				"productCode": "flx_24",
				"campaignId": 1,
				"salesChannelId": 1,
				"unpaidDebt": 109.21,
				"vatRate": 0.09,
				"basePrice": 0.09,
				"workingPrice": 0.09,
				"billingAddress": "Rechnungssstraße 24, 10587 Berlin",
				"business": false,
				"phone": 491721041689,
				"gridOperatorName": "E.ON Bayern AG",
				"gridOperatorCode": 1000000000000,
				"registers": [
					{}
				],
				"erpUrls": [
					{
						"url": "https://erp-system.com/contract/123",
						"logo": "powercloud"
					}
				],
				"rawData": null,
				"agentPreview": [
					{
						"label": "Tarif",
						"value": "Flex 24",
						"tooltip": "AP: 28.5 ct/kWh\nGP: 149.88 €/Jahr",
						"url": "https://erp.example.com/contract/123"
					}
				],
				"tabPreview": {
					"color": "green",
					"icon": "electricity"
				}
			}
		],
		"additionalData": {}
	},
	"customerId": "83771",
	"contractId": "746839",
	"partnerId": 123,
	"customerLegitimation": 30,
	"responderId": null,
	"agentId": null,
	"agent": {
		"id": 1,
		"firstName": "Max",
		"lastName": "Mustermann",
		"phone": "+49 123 456789",
		"password": 123456,
		"type": "enneo",
		"isSsoOnly": false,
		"lang": "de"
	},
	"assignedAgentIds": [
		123
	],
	"assignedAgents": [
		{
			"id": 1,
			"firstName": "Max",
			"lastName": "Mustermann",
			"phone": "+49 123 456789",
			"password": 123456,
			"type": "enneo",
			"isSsoOnly": false,
			"lang": "de"
		}
	],
	"workedOnByIds": [
		123
	],
	"workedOnBy": [
		{
			"id": 1,
			"firstName": "Max",
			"lastName": "Mustermann",
			"phone": "+49 123 456789",
			"password": 123456,
			"type": "enneo",
			"isSsoOnly": false,
			"lang": "de"
		}
	],
	"attachments": [
		{
			"id": "103013960646,",
			"url": "https://storage.googleapis.com/enneo-attachments-public/a1/103013960646-4b1aa775/IMG_20230301_192712.jpg",
			"name": "IMG_20230301_192712.jpg",
			"size": 2292952,
			"width": 3120,
			"height": 4160,
			"inline": false,
			"fileEnding": "jpg",
			"contentType": "image/jpeg",
			"originalUrl": "https://s3.eu-central-1.amazonaws.com/euc-cdn.freshdesk.com/data/helpdesk/attachments/production/103013960646/original/IMG_20230301_192712.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAS6FNSMY2XLZULJPI%2F20230315%2Feu-central-1%2Fs3%2Faws4_request&X-Amz-Date=20230315T135902Z&X-Amz-Expires=300&X-Amz-SignedHeaders=host&X-Amz-Signature=863f16c0b29b34cde3331ef76954db3f9605d8187cfd042b11d623ea988b9e0d",
			"extractedData": null,
			"extractionStatus": "success",
			"extractionData": {
				"confidence": 0.815,
				"meterValue": 87870.5
			}
		}
	],
	"additionalData": null,
	"template": "<string>",
	"tags": [
		{
			"id": 123,
			"name": "Complaint",
			"fullName": "Second Level: Complaint",
			"parent": 6,
			"reference": "ticket",
			"type": "skill",
			"visibility": "public",
			"color": "grey",
			"properties": {},
			"complexity": "moderate",
			"sla": 8,
			"priority": "do-not-change",
			"channels": [
				"email",
				"chat"
			],
			"subchannels": [
				2,
				4
			],
			"detectionDetails": {},
			"assignment": [
				"assignBySubchannel",
				"assignByCustomLogic"
			],
			"testCase": {},
			"modifiedBy": "John Doe",
			"modifiedAt": "2024-08-29 14:38:12"
		}
	],
	"agentSkillsMatch": true
};

/** The store page's `POST /ticket/{ticketId}/conversation/store` example body (`process` in the body). */
export const SEED_STORE_BODY = {
	"process": "batch",
	"direction": "in",
	"from": "john@smith.com",
	"fromName": "John Smith",
	"to": [
		"customer@web.de"
	],
	"ccEmails": [
		"Michael Jackson <michael-test123@jack.s.on.com>"
	],
	"bccEmails": [
		"<string>"
	],
	"subject": "Ticket subject",
	"body": "Ticket body PART 2",
	"bodyPlain": "<string>",
	"bodyClean": "<string>",
	"private": false,
	"subchannelId": 4,
	"status": "open",
	"createdAt": "2024-03-01 00:00:00",
	"firstResponseDueBy": "2021-01-02 00:00:00",
	"dueBy": "2021-01-07 00:00:00",
	"attachments": [
		{
			"name": "myattachment1.png",
			"url": "https://framerusercontent.com/images/n1fjKCgnztVE5RhOJBPPaCIRw.png",
			"base64": "base-64-encoded-string-of-attachment-file"
		}
	],
	"externalConversationId": "abc-123",
	"rawData": {
		"myObjectId": 123
	},
	"type": "html",
	"sender": {},
	"content": {},
	"intentIds": [
		123
	],
	"crmNotificationId": "<string>",
	"contractId": "<string>",
	"customerId": "<string>",
	"agentId": 123,
	"priority": "low"
};
