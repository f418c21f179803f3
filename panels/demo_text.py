"""The text of seeds 002 (Agenda Item 5) and 003 (comments (a)–(j) with responses), verbatim."""
# ruff: noqa: E501

# fmt: off
SEED_002_PARAGRAPHS = [{'section': 'purpose',
  'number': 1,
  'heading': '',
  'text': 'To present to the Police and Crime Panel an update on the work undertaken by the Police and Crime '
          'Commissioner and his staff on developing more robust arrangements to support partnerships across '
          'Leicester, Leicestershire and Rutland.',
  'list_style': '',
  'items': [],
  'after': ''},
 {'section': 'recommendation',
  'number': 2,
  'heading': '',
  'text': 'It is recommended that the Police and Crime Panel note the contents of the report and the progress '
          'made.',
  'list_style': '',
  'items': [],
  'after': ''},
 {'section': 'background',
  'number': 3,
  'heading': '',
  'text': 'Recent events and discussions that have taken place at Police and Crime Panel meetings have '
          'highlighted the need to enhance and strengthen support to partnerships. Indeed, the Panel requested '
          'that the Police and Crime Commissioner provide evidence that this work is taking place. At the last '
          'Panel meeting, assurance was given by the Commissioner during his introduction that early progress had '
          'been made. This report provides an update on these issues across several themes:',
  'list_style': 'lettered',
  'items': ['strengthening partnership relationships between the OPCC and local authorities;',
            'strengthening relationships between the OPCC and Planning Authorities, as a result of the judicial '
            'review relating to Lubbesthorpe;',
            'working closely with the Force as it delivers the Change Programme, ensuring that the partnership '
            'landscape is considered and strengthened;',
            'support to the PCC in the delivery of policy advice and the production of policy, being aware of '
            'partner issues and risks;',
            'support to the PCC from a review of the OPCC, in particular creating new roles to enhance '
            'partnership working and strengthen partner relationships;',
            'co-leading a review of the Strategic Partnership Board and its subgroups;',
            'ensuring that partners are engaged and involved in important policy implementation, for example '
            'Victims and Witnesses service.'],
  'after': ''},
 {'section': 'background',
  'number': 4,
  'heading': 'Local Authority Relationships',
  'text': 'The Police and Crime Commissioner has made a strong commitment to meet on a regular basis with all '
          'local authority Leaders, their Chief Executives and with the City Mayor. Meetings have already taken '
          'place and there is now a forward plan within the Engagement Strategy to continue with these meetings. '
          'These meetings will provide an opportunity for each organisation and the PCC to share issues, discuss '
          'future work and to deal with emerging threats and risks. In addition, the PCC has met with Chairs of '
          'Community Safety Partnerships, again to have a face to face discussion on emerging issues. These '
          'meetings will continue to be undertaken, in addition to the PCC or the CEO attending CSP meetings on a '
          'regular basis, subject to invitations being received by the OPCC.',
  'list_style': '',
  'items': [],
  'after': ''},
 {'section': 'background',
  'number': 5,
  'heading': 'Building a Better Relationship on Planning Matters',
  'text': 'The recent Lubbesthorpe discussions have given rise to a significant number of discussions between the '
          'PCC and the Chief Constable. In terms of governance, the PCC has devolved responsibility to the Chief '
          'Constable for the effective delivery of partnership matters as they relate to Estates, Planning and '
          'Infrastructure. This has meant that matters relating to planning and Section 106 contributions have '
          'been delivered by staff employed and directed by the force. This in itself is not a significant issue. '
          'However, what has become very clear is the need for the OPCC Chief Finance Officer, who will take on a '
          'portfolio responsibility to provide assurance on such matters to the PCC, to have a local resource '
          'supporting her in this work. As mentioned previously to the Panel, this is to be covered by a new role '
          'of Resources Manager, reporting to the CFO and being responsible for scrutinising the work and '
          'outcomes in areas such as infrastructure, planning, capital programme and investments. This will '
          'enable assurance reporting through the CFO and will give resilience within the OPCC.',
  'list_style': '',
  'items': [],
  'after': ''},
 {'section': 'background',
  'number': 6,
  'heading': '',
  'text': 'In relation to the ongoing work with Blaby DC on the Lubbesthorpe development, the PCC and CC have '
          'already held meetings with key members and officers in order to gain a better understanding of the '
          'issues. This has been complemented by a further meeting between Blaby senior planning staff and the '
          'OPCC Chief Executive and Assistant Chief Constable Kay during which both gave a strong personal '
          'commitment to work closely with the council as the development continues to be delivered. A plan is '
          'now being discussed between the PCC and the CC so that senior colleagues from the OPCC and the Force '
          'can become involved in future negotiations, as a result of the judicial review outcomes. The forward '
          'plan of other planning developments across the force area is also being reviewed within the OPCC so '
          'that appropriate resources can be applied going forward.',
  'list_style': '',
  'items': [],
  'after': ''},
 {'section': 'background',
  'number': 7,
  'heading': 'Working with the Force to improve Partnerships',
  'text': 'The Commissioner and the senior staff of the OPCC have worked closely with the Force as the Change '
          'Programme has taken shape and ultimately the PCC received a full and detailed briefing on the formal '
          'proposals. What these discussions have highlighted is the urgent need to create opportunities to '
          'review, challenge and develop partnerships across the force area. The redesign of policing across '
          'neighbourhoods and communities means that partnerships will have a significant role to play in '
          'building strong and productive working arrangements within and across agencies.',
  'list_style': '',
  'items': [],
  'after': ''},
 {'section': 'background',
  'number': 8,
  'heading': '',
  'text': 'A Chief Superintendent role has been identified to lead on this important work. To ensure that this '
          'work aligns with developments within the OPCC, the Chief Executive has agreed to work closely with the '
          'Chief Superintendent and joint plans will be developed. Examples of the type of work to be undertaken '
          'are as follows:',
  'list_style': 'bulleted',
  'items': ['To understand and map out current partnership activity within the current operating model at '
            'strategic and operational levels across the 6 key partnership areas namely: Local authority, '
            'criminal justice, health, education, emergency services, business;',
            'To utilise known demand analysis and identify the interdependencies with other agencies;',
            'To consider the public voice and their expectations of policing;',
            'To develop a partnership strategy which enables the force to articulate the levels of commitment and '
            'ambition towards different partnerships, both formal and informal;',
            'To work with key partners and senior teams to enhance the partnership activity in line with the '
            'priorities and parameters set. This will focus on the formal partnerships and opportunities for '
            'collaboration and service transformation.'],
  'after': 'The above list is not exhaustive but provides an indication of the types of work being planned to '
           'enhance partnerships across the force area as the new policing model is implemented.'},
 {'section': 'background',
  'number': 9,
  'heading': 'Direct Support to the Commissioner',
  'text': 'The Commissioner discussed with the Panel at the last meeting his instruction to his Chief Executive '
          'to review the resources within the OPCC in order to "take stock" of the first 18 months in office and '
          'to ensure that key work areas were fully supported. This review, which is currently being consulted on '
          'with existing OPCC staff members, has given rise to a new role of Partnerships Coordinator. This role, '
          'reporting to an enhanced role of Head of Partnerships and Commissioning, will be pivotal in supporting '
          'and enhancing the partnership landscape as it relates to policing and community safety issues. There '
          'has been careful design in the development of the role, being mindful of the need to balance strategic '
          'direction within the Police and Crime Plan with the reality of existing partnerships and the need to '
          'review attendance and membership if needed. The Commissioner sees this new role as crucial in building '
          'strong foundations for the enhancement of partner relationships and joint working.',
  'list_style': '',
  'items': [],
  'after': ''},
 {'section': 'background',
  'number': 10,
  'heading': '',
  'text': 'The second area highlighted at the last Panel meeting was policy support to the Commissioner, ensuring '
          'that he is cognisant of partner and stakeholder issues in the development of policy decisions and '
          'actions. A Policy Advisor Protocol has now been agreed with the Commissioner and this has enabled him '
          'to consider what direct support he requires. Policy Advisors will be personally appointed by the '
          'Commissioner and will report directly to him. They will be appointed for a fixed term and will advise '
          'and support in areas identified by the Commissioner. The first appointed Policy Advisor is the former '
          'Acting Deputy Chief Constable, Steph Morgan, who will be supporting the Commissioner on policy areas '
          'within the criminal justice environment, linking to key partnerships and forthcoming reforms, '
          'including victims and witnesses. Discussions are taking place with other individuals who can provide '
          'support to the Commissioner on other policy domains, including the significant changes emerging from '
          'the Transforming Rehabilitation programme. It is hoped that by having Advisors undertaking work on '
          'behalf of the Commissioner, there will be further opportunities to link with partners and agencies.',
  'list_style': '',
  'items': [],
  'after': ''},
 {'section': 'background',
  'number': 11,
  'heading': 'Other Significant Developments',
  'text': 'A review is currently under way to look at the partnership structures at a strategic level. This '
          'involves reviewing the current Strategic Partnership Board (SPB) and its sub-structures. The Chief '
          'Executive is co-leading this work alongside a senior officer from the County Council and it is hoped '
          'that an initial report will be forthcoming at the end of September 2014. The OPCC continues to fully '
          'engage with partners at all levels and ensures that consultation on key products and reports is '
          "undertaken taking partner's views into account. This has been demonstrated by the review of the Police "
          'and Crime Plan, updated Commissioning Framework and the Victims and Witnesses Partnership Assurance '
          'Group. Relationships are strong and robust in all of these areas and this has enabled full and proper '
          'engagement in all key priority areas.',
  'list_style': '',
  'items': [],
  'after': ''},
 {'section': 'background',
  'number': 12,
  'heading': '',
  'text': 'A Stakeholder Summit is currently being planned, to take place at the end of October 2014, bringing '
          'all partner agencies together in order to develop a joint Crime Reduction Strategy. This will be a '
          'significant development and provide an opportunity for every partner to share their respective '
          'strategic assessments so that a combined strategy can be created and agreed as the focus for crime '
          'reduction over the medium term.',
  'list_style': '',
  'items': [],
  'after': ''}]

SEED_003 = {'comments': "The Panel, having considered the draft Police and Crime Plan, the Commissioner's additional report "
             'on re-commissioning and draft budget proposals, would wish to draw the following views to the '
             'attention of the PCC and would ask the PCC to submit a written response addressing the specific '
             'issues highlighted below. Whilst the Panel welcome the commitment to work with partners and notes '
             'the comments of the PCC that the Plan is two-dimensional and needs to be improved; nonetheless, at '
             'this stage, the Panel has concerns about the Plan, which focuses on issues of policing rather than '
             'prevention through the wider context of partnership working.\n'
             '\n'
             'The Panel notes that the consultation on the Police and Crime Plan closes on 10 March and that the '
             'PCC will submit a revised draft of his Plan to the Panel in early March, which will address, where '
             'appropriate, issues raised during the consultation. Following this second meeting the Panel will '
             'submit its final comments on the Plan.\n'
             '\n'
             'The delivery of the Police and Crime Plan will require the commitment of other statutory agencies '
             'and partners. To that end the Panel will invite key partners to share with it any comments they '
             'submit to the PCC which it will use to assess how the revised Plan, when produced, has reflected '
             'consultation responses.\n'
             '\n'
             'The Panel was concerned that the Plan did not adequately address issues of equality in relation to '
             'all priorities and targets and recommends an Equality Impact Assessment be undertaken as a matter '
             'of urgency.',
 'comments_response': "It was good to hear the Panel's views during the PCP meeting, and to hear the careful "
                      'explanation of their role from the County Solicitor. I recognise the importance of '
                      "responding to the Panel's comments and concerns and will aim to do so below and in the "
                      'subsequent meeting that will be arranged to receive the next draft of the Plan.\n'
                      '\n'
                      'Although I am pleased with the progress made on the Plan in the 40 or so working days '
                      'since my election, it is because of this relatively short period of time that I want to '
                      'ensure that the draft is subjected to significant consultation throughout February and '
                      'early March. It is on my website and already we are receiving comments and suggestions '
                      'from members of the public and local organisations. For example, amongst the comments I '
                      'have received so far are helpful suggestions around stop & search and recruiting, as well '
                      'as tackling those issues of importance to the wider community.\n'
                      '\n'
                      'The next iteration of the plan will be published, with appropriate amendments, by the 31st '
                      'March and I will be making sure that everything that is contained within it provides the '
                      'necessary focus, priority and rigour so that I can hold the Chief Constable to account, '
                      'and work with partners, to deliver our joint priorities and outcomes. We will of course '
                      'refer any significant changes made to this draft back to the Panel prior to publication.\n'
                      '\n'
                      'However, as I have said before, I recognise that the Plan published at the end of March '
                      'will not be the final version, especially as the first year of the Plan is the only one '
                      'for which we have any budget certainty. It is important that the Chief Constable completes '
                      'his work on the delivery plan and the Change Programme in order that the deliverability '
                      '(and affordability) of the Plan for the whole period can be verified. Also, I have already '
                      'asked for an equalities impact assessment (EIA) to be undertaken, with engagement with the '
                      'City Council and other relevant bodies as appropriate.\n'
                      '\n'
                      'It is only when all of this is complete (by September 2013) that I will be satisfied that '
                      'the Plan is robust.',
 'recommendations': [{'label': 'a',
                      'heading': 'Priorities and Targets',
                      'text': 'The Panel noted that the priorities in the Plan had not been aligned to specific '
                              'resources in the budget. Whilst the broad priorities in the Plan are worthy, the '
                              'PCC does not provide any ranking of his priorities. Given the resource pressures '
                              'on the Police and partners, this needs to be addressed. The PCC is therefore asked '
                              'to rank the priorities within his Plan and identify those which he no longer '
                              'considers to be a priority.',
                      'response': 'Members will recall from our discussion at the PCP meeting that I tried to lay '
                                  'suitable emphasis on those crimes that ‘cause the most harm’. As I said then, '
                                  'it is difficult and distressing when your car is stolen, or indeed when '
                                  'something is stolen from your car. But so much more human harm is done as a '
                                  'result of such crimes as sexual assault/grooming, domestic violence, rape, '
                                  'child abuse, hate crimes and so on. That is why I have laid great emphasis on '
                                  'upping our game, to the maximum extent possible, in looking after the victims '
                                  'of crime, as well as trying to drive down those crime categories that create '
                                  'such victims.\n'
                                  '\n'
                                  'I have not further ranked the priorities in the Plan as I do not believe that '
                                  'this would be appropriate. Indeed, it is worth reminding the Panel that there '
                                  'are tasks that the Chief Constable and his Force undertake that are not '
                                  'referred to in the Plan, yet I know that he will have to fulfil those too. I '
                                  'rely on his judgment to balance resources to fulfil the outcomes described in '
                                  'the Plan.\n'
                                  '\n'
                                  'The Plan is for 4 years, and is thus a ‘living’ document, which will be '
                                  'amended during the course of its life; the priorities contained within it, '
                                  'however, are there to be delivered within that 4 year timescale.',
                      'subs': []},
                     {'label': 'b',
                      'heading': '',
                      'text': 'Targets and success measures are included in the Plan but there is nothing to show '
                              'how these have been arrived at by the PCC and whether these have, where necessary, '
                              'been consulted upon and agreed with partners. The Panel believes that targets '
                              'cannot be set without effective engagement from partners. The PCC is asked to '
                              'provide information on how the performance measures were arrived at and to '
                              'indicate what consultation has been or will be undertaken with partners in '
                              'arriving at the suggested targets and success measures. The Panel will, '
                              'separately, be seeking the views of key partners to inform its discussions at the '
                              'next meeting with the PCC.',
                      'response': 'As stated at the PCP meeting, some targets within the Plan have rolled over '
                                  'from the current Policing Plan (which was agreed by the Police Authority). '
                                  'Others are new targets which have been arrived at by analysis of performance '
                                  'information either held nationally, or held by the force; some are also '
                                  'derived from information held by partners (where that information has been '
                                  'shared with us). Targets have been identified for those areas of crime that '
                                  'matter to local people and have been, in the main, encapsulated in previous '
                                  'Plans.\n'
                                  '\n'
                                  'Regarding consultation, the Chief Constable and his team have been '
                                  'instrumental in the drafting of the Plan as it is a requirement upon me '
                                  'through the legislation to do so. I would also draw the Panel’s attention to '
                                  'pages 9 and 10 of the draft plan, which identify the comprehensive research '
                                  'and analysis commissioned on my behalf. The list includes the Force strategic '
                                  'assessment, community based surveys, partnership needs assessment, victim '
                                  'survey data and access to me through various meetings and events. The '
                                  'partnership needs assessment is particularly relevant in this context.\n'
                                  '\n'
                                  'The broader consultation process is now underway (which is why the Plan was '
                                  'promulgated in draft) and I plan to meet with Chairs of each Community Safety '
                                  'Partnership during February and March for further discussions. My team is '
                                  'already working with the Probation Service and I will shortly be meeting with '
                                  'Toby Sanders (MD of the West Leics Clinical Commissioning Group) to have '
                                  'further discussions on the development of performance and outcome measures for '
                                  'the “mental health and vulnerability” themes within the Plan. Of course, the '
                                  'communities and neighbourhoods that make up the Force area represent the 3rd '
                                  'key partner grouping, and an engagement plan has already been drafted to '
                                  'reflect how we will reach the wider audience; I look forward to increased '
                                  'engagement and dialogue with partners here.\n'
                                  '\n'
                                  'The Panel will, I am sure, have noted the section of the Plan that refers to '
                                  'its life cycle. This describes in both text and diagrammatic form how the Plan '
                                  'and targets have been drawn together, which is further expanded against each '
                                  'target area. For instance, at point 4.1.2 the section on tackling crime '
                                  'acknowledges the efforts of partners in reducing crime and protecting people '
                                  'before expanding on some of the issues around under-reporting, with a '
                                  'rationale for how the reduction target has been arrived at based on trend data '
                                  'which is shown on the graph and in the text at the top of page 18.\n'
                                  '\n'
                                  'The targets within the Plan represent what the citizens of this area expect of '
                                  'us in driving down crime and making our streets safer.',
                      'subs': []},
                     {'label': 'c',
                      'heading': '',
                      'text': 'Whilst priorities have been identified and targets and success measures included, '
                              'the Plan does not address how those targets are to be achieved. The Panel asks the '
                              'PCC to provide an explanation in relation to the targets, indicating the work '
                              'which will be necessary to achieve them.',
                      'response': 'It will be for the Chief Constable (and partners where relevant) to support '
                                  'the delivery of the Plan and to advise me on the work that is necessary to '
                                  'achieve delivery. The Chief Constable has already stated that he has the '
                                  'resources to deliver, and key to such delivery will be flexibility in the use '
                                  'of resources coupled with a daily assessment of threat, risk and harm. It is '
                                  'my role to hold him to account for that delivery.\n'
                                  '\n'
                                  'The Chief Constable informed the Panel at the meeting that there was '
                                  'considerable continuity across the current Plan (i.e. the 12/13 Policing Plan) '
                                  'and this proposed Plan and that, for future years, he would need to continue '
                                  'to strive for even greater value for money. The Chief Constable also '
                                  'explained, in response to a question from a member of the Panel, that there '
                                  'will be considerable continuity in the policing approach based on '
                                  'neighbourhood teams across the whole Force area.',
                      'subs': []},
                     {'label': 'd',
                      'heading': '',
                      'text': "In the part of the Plan headed 'My Vision' reference is made to the PCC being "
                              'committed to the aim of protecting vulnerable people. However, the priorities and '
                              'targets in the Plan do not appear to reflect that commitment. The Panel asks the '
                              'PCC to consider including appropriate priorities and targets and to make reference '
                              'to existing good work and the statutory duties and responsibilities of other '
                              'partners, such as that undertaken by the local Safeguarding Boards and others.',
                      'response': "Whilst I note the Panel's concerns that the aim of protecting vulnerable "
                                  'people is not adequately reflected in the Plan, I would point out that it does '
                                  'currently explicitly cover child sexual exploitation, hate crime, sexual '
                                  'offences, drink, drugs, mental health, domestic abuse, antisocial behaviour, '
                                  'and young people. The draft Plan also refers to a number of cross-cutting '
                                  'themes. Many of these areas are then reflected in targets and areas of focus. '
                                  'Prior to my taking up office, work was already completed as part of the '
                                  'transition process to map the partnership landscape, the list of key partners, '
                                  'their statutory duties and responsibilities. The results are included in a '
                                  "document entitled 'The Community Safety and Partnership Landscape'. I referred "
                                  'to this in my speech to the Panel on 30 January, as well as the fact that it '
                                  'had been advocated by the Home office as an example of good practice.\n'
                                  '\n'
                                  "I will reflect on the Panel's comments on this area, and the comments from "
                                  'others, as the consultation period continues.',
                      'subs': []},
                     {'label': 'e',
                      'heading': 'Partnership Working',
                      'text': 'The Plan makes reference to the need to work with other agencies and partners and '
                              'how they will need to work with the PCC/Police to deliver the priorities in the '
                              'Plan. Although the Panel noted the remarks of the PCC to wish to work with '
                              'partners, the Plan at this stage appears to have no regard for the fact that '
                              'partners have their own statutory responsibilities. The PCC is therefore asked to '
                              'indicate how he and the Police intend to reciprocate and work with partners to '
                              'assist them in delivering their statutory responsibilities in relation to crime '
                              'and disorder, and safeguarding and for that to be addressed in the Plan.',
                      'response': 'As mentioned previously, I am already working closely with Probation and a '
                                  'meeting has been arranged with Health to understand how they can assist in the '
                                  'delivery of the Plan and how it fits with their statutory responsibilities. I '
                                  'would welcome the opportunity to work with other partners in the same way; '
                                  'indeed, I consider it essential in order to make the Plan well rounded. I will '
                                  'also be meeting with the Chairs of CSPs, and indeed attending meetings of CSPs '
                                  'in the future.\n'
                                  '\n'
                                  'The Police have day to day operational engagement in partnership working at '
                                  'many levels from local Joint Action Groups through to strategic partnerships '
                                  'such as the Safeguarding Boards. This approach will continue.\n'
                                  '\n'
                                  'As I stated in my opening remarks to the Panel, it is through partner feedback '
                                  'that the Plan will take on a three dimensional perspective of the challenges '
                                  'ahead. The approach being taken to consultation and engagement with partners '
                                  'will provide the opportunity for me further to understand joint priorities and '
                                  'to target commissioning more effectively. My Chief Executive is also '
                                  'proactively seeking to engage with key partners between now and the end of '
                                  'March in order to discuss the opportunities for closer working.',
                      'subs': []},
                     {'label': 'f',
                      'heading': '',
                      'text': 'The Plan makes reference to current partnership activity and evidence gathering '
                              'already undertaken. However, the references suggest currently a lack of '
                              'appreciation on the part of the OPCC about the respective roles and '
                              'responsibilities of partners, including Local Strategic Partnership bodies, and '
                              'some specific references to data are partial, out of date, or inaccurate. This was '
                              'reflected in the paper tabled at the meeting setting out the comments received '
                              'from various chief officers to date. The Panel therefore asks the PCC to recast '
                              'the Plan and recognise the statutory and significant roles of key partnerships and '
                              'to demonstrate how evidence was collected, collated, verified and analysed before '
                              'being relied on to inform the Plan.',
                      'response': "'The Community Safety and Partnership Landscape' document made available at "
                                  'the Panel meeting (and, indeed, well before that) sets out much of the work '
                                  'that has already been undertaken in this area. Considerable effort was made, '
                                  'and is still being made, to ensure that any data and references used are '
                                  'accurate and up to date. I would be grateful to receive specific information '
                                  'from the Panel or partners about parts of the document that need to be '
                                  'corrected or updated.\n'
                                  '\n'
                                  'I do not intend to include within the document references to the sources of '
                                  'data, as I feel that the Plan is already substantial enough. However, at the '
                                  'next meeting of the Panel, I would be prepared to reference data sources as '
                                  'far as possible, with the intention that any inaccuracies have been resolved '
                                  'by that time. In addition, my CEO would be very willing to receive particular '
                                  'feedback around any inaccuracies within the Plan and for changes to be "signed '
                                  'off" by the relevant partner prior to publication.',
                      'subs': []},
                     {'label': 'g',
                      'heading': '',
                      'text': 'The Plan, and other communications from the PCC, suggests that the Strategic '
                              'Partnership Board (SPB), its role and a new sub-structure have been reviewed and '
                              'determined in agreement with partners. The Panel does not agree. The Panel notes '
                              'that the PCC has indicated that there will be discussions with partners on targets '
                              'and priorities through the four "clusters" of the SPB: the Panel has significant '
                              'concerns about this, in particular, the lack of any governance arrangements for '
                              'such clusters which need to be agreed by the relevant partners. The Panel advises '
                              'the PCC that no formal decisions on partnership working have yet been taken and '
                              'urges the PCC to convene appropriate meetings as quickly as possible in order to '
                              'make progress.',
                      'response': 'While I accept that no formal agreements have been reached with the SPB on any '
                                  'revisions to the terms of reference, the Partnership Workshop on 15 January '
                                  '2013 did agree a way forward, that being the formulation of thematic working '
                                  'groups. I am grateful to senior colleagues from various partner bodies for '
                                  'engaging in this process. I am obviously keen – and have repeatedly stated '
                                  'that I am so – to build upon the solid foundations of partnership working that '
                                  'already exist within Leicester, Leicestershire and Rutland.\n'
                                  '\n'
                                  'Each of the themes or ‘clusters’ will report to the SPB who will agree their '
                                  'terms of reference which will be drafted under the guidance of the senior '
                                  'responsible officer for the relative cluster.\n'
                                  '\n'
                                  'A date for the next Strategic Partnership Board has been arranged for late '
                                  'March and at that meeting a programme of dates for the next 18 months will be '
                                  'presented. I do think, however, that the relationship between this Panel and '
                                  'the Strategic Partnership Board should be reviewed as they are two separate '
                                  'meetings within this new landscape.\n'
                                  '\n'
                                  'As mentioned at the PCP, my team will be arranging a number of meetings for me '
                                  'with a range of partners and my engagement plan will also include the wider '
                                  'partnership arena. I will be building on a foundation of discussions that have '
                                  'already commenced in the early work undertaken through the Strategic '
                                  'Transition Board and the capture of a full range of partners’ views lies at '
                                  'the very heart of this consultation period.',
                      'subs': []},
                     {'label': 'h',
                      'heading': '',
                      'text': 'There is little reference in the Plan to engagement by the PCC with the voluntary '
                              'sector and community groups which make a significant contribution to crime '
                              'reduction. The PCC is asked to provide information as to the process of '
                              'consultation with relevant bodies and to include more information in the Plan on '
                              'the valuable role they perform.',
                      'response': 'Page 8 of the draft Plan makes reference to the contribution by volunteers, '
                                  'whose invaluable work I very much appreciate. In very few areas of the draft '
                                  'Plan do I highlight specific groups, instead preferring to focus on tasks, '
                                  'priorities and relationships required.\n'
                                  '\n'
                                  'The current engagement process covers voluntary sector and community groups '
                                  'and this was always the intention. VAL has been represented on the Strategic '
                                  'Transition Board from its inception so their input has been received from the '
                                  'early stages. The engagement plan will cover the wider partnerships and '
                                  'publicity around the Plan will encourage feedback from all and this will be '
                                  'taken into account when revising the Plan. I am determined to work with '
                                  'partners and this will be addressed with vigour during the consultation phase '
                                  'building on the discussions that have already taken place. As above, when I '
                                  'feed back to the Panel on the next iteration of the Plan, I will be prepared '
                                  'to describe the engagement that I will have undertaken.',
                      'subs': []},
                     {'label': 'i',
                      'heading': 'Commissioning and Outsourcing',
                      'text': 'Whilst appreciating the need for flexibility, the Panel is of the view that '
                              'references in the Plan to commissioning are made in a superficial way with no '
                              'reference to specifics. Elsewhere in the separate report on re-commissioning of '
                              'services, the PCC\n'
                              '\n'
                              'makes reference to adopting a six month period of continuity, subject to his '
                              'conditions, before re-commissioning drugs, crime and community safety services '
                              'currently provided by partners. The Panel is of the view that this timescale is '
                              'unrealistic and may only serve to damage the quality of current provision and the '
                              'excellent partnership working arrangements. In particular, the Panel is concerned '
                              'that:',
                      'response': '',
                      'subs': [{'label': 'i',
                                'text': 'There appears to be a lack of appreciation about the complexity of the '
                                        'environment in which partnership bodies operate;',
                                'response': 'It is fully appreciated that partnership working needs to be managed '
                                            'carefully, and I am seeking to do this. My team have been '
                                            'proactively working on understanding the dynamics of partnership '
                                            'working across this Force area for over a year now, and we have been '
                                            'meeting and discussing with key partners the intricacies of this '
                                            'landscape. As mentioned before, the work undertaken to date is set '
                                            "out within the 'Community Safety and Partnership Landscape' document "
                                            '(to which I referred earlier). That document emerged from the work '
                                            'of the Strategic Transition Board, which was attended by senior '
                                            'representatives of partners such as the County, City, Rutland and '
                                            'the district councils.\n'
                                            '\n'
                                            'Also, as mentioned on page 9, a partnership needs assessment was '
                                            'undertaken to inform the Plan. It used locally produced Joint Needs '
                                            'Assessments and data reports such as those from accident and '
                                            'emergency attendances and alcohol licence mapping. Information was '
                                            'also supplied from Community Safety Partnerships. Specific reference '
                                            'is made on that page of the Plan to the strategic priorities of '
                                            'other partners.\n'
                                            '\n'
                                            'It is also my intention to continue with this type of work in '
                                            'earnest so that I can be absolutely sure that evidence-based '
                                            'commissioning can take place and that I can be assured that value '
                                            'for money principles are adopted at all times.'},
                               {'label': 'ii',
                                'text': 'The short timescale may destabilise important voluntary and community '
                                        'sector projects;',
                                'response': 'We have continued to work with partners to understand the current '
                                            'funding arrangements and to gain a better perspective on the '
                                            'achievement of positive outcomes with the funds allocated through '
                                            'specific grants. I am not yet certain that we have identified all '
                                            'the current funding streams that are ceasing and that is why I am '
                                            'proposing an allocation of initial funding for the first six months '
                                            'of next year. It is imperative to demonstrate the linkage of funding '
                                            'to the objectives within the Police and Crime Plan and to have taken '
                                            'any other course of action in relation to funding would have delayed '
                                            'this.\n'
                                            '\n'
                                            'I would only add that advance notice was given of the cessation of '
                                            'the Home Office grants, with no guarantee of it continuing via PCCs. '
                                            'Furthermore, the sum allocated to me is only about 83% of the '
                                            'previous total of Home Office grants. Nonetheless, in recognition of '
                                            'the good work undertaken by partners, I made the positive decision '
                                            'to provide the six months of funding (notably at the previous level, '
                                            'whereas the sum being allocated to the Force represents only 43% of '
                                            'the six months allocation). To do otherwise would inevitably have '
                                            'left partners facing considerable funding uncertainty in the early '
                                            'part of 2013/14.\n'
                                            '\n'
                                            'I recognise the concerns raised by the Panel and completely '
                                            'empathise with the sentiments raised. That is why I am seeking to '
                                            'move forward my commissioning proposals with purpose and at pace in '
                                            'order to minimise the period of uncertainty. I look forward to '
                                            'working with all partners to achieve this objective.'},
                               {'label': 'iii',
                                'text': 'The period for consultation is likely to be inadequate, particularly for '
                                        'voluntary and community groups, and the Panel would draw to the '
                                        'attention of the PCC the existence of local Compact agreements;',
                                'response': 'Whilst I am aware that the consultation period is tight, caused by '
                                            'the timescales set nationally, I must emphasise that this change to '
                                            'the police and crime landscape has been known for a long time and '
                                            'hopefully the voluntary and community sector have been able to '
                                            'prepare their plans with this in mind; several have confirmed that '
                                            'they did, indeed, do so. I will also seek to work in a supportive '
                                            'and understanding way with all types of voluntary and community '
                                            'organisations, which in my experience tend to be incredibly '
                                            'supportive, yet sparse in terms of resources. I have already met '
                                            'with several voluntary groups and more such meetings are planned.'},
                               {'label': 'iv',
                                'text': 'Arrangements for governance of the review and change process are not in '
                                        'place;',
                                'response': 'Considerable ground work has already been completed as referred to '
                                            'in previous answers. Relevant experts are in place in my team, and '
                                            'the proposals around the themed groups or “clusters” are being '
                                            'developed. As mentioned in an earlier answer, my CEO will be meeting '
                                            'with as many people within the partnership arena as possible and I '
                                            'am sure these meetings will lead to further possible proposals or '
                                            'options around commissioning and partnerships. I am confident that '
                                            'while good governance is important, it will not triumph over '
                                            'outcomes.'},
                               {'label': 'v',
                                'text': 'The difficulties for partner agencies in undertaking effective financial '
                                        'planning, recognising their budgetary cycles, have not been considered;',
                                'response': "The fact that 6 months' funding allocation is offered is evidence "
                                            'that this has been considered. As previously mentioned, the only '
                                            'other options open to me would have been to cease funding altogether '
                                            'while the commissioning framework was being implemented, or to have '
                                            'provided 12 months allocation. Either option would have provided the '
                                            'same result regarding difficulties for partners but to different '
                                            'timescales.'},
                               {'label': 'vi',
                                'text': 'Is not satisfied that adequate consideration has been given to the '
                                        'processes of implementation including staffing and procurement issues, '
                                        'some of which may need to be joint procurement exercises with partners;',
                                'response': 'I am confident that I have, within the OPCC, resources and expertise '
                                            'to enable appropriate commissioning arrangements to be put in place, '
                                            'including an experienced secondee from the Probation Service. As '
                                            'indicated both at the Panel meeting and separately to the Chairman '
                                            'of the Panel, I would welcome other such offers of support from '
                                            'partners to further bolster the expertise and connections that my '
                                            'team have. In addition, joint procurement exercises and/or using the '
                                            'commissioning capacity of partners remain live options that will '
                                            'form part of the commissioning package. Given the on-going concern '
                                            'of the Panel in this regard, I suggest that we meet in private '
                                            'before the next Panel meeting for me to address this specific '
                                            'concern with you, by describing my approach to commissioning. In '
                                            "this way I would hope to allay the Panel's concerns and also explore "
                                            'further the potential for us to work together in achieving shared '
                                            'outcomes. Please let me know if this is an offer that you would wish '
                                            'to accept.'},
                               {'label': 'vii',
                                'text': 'The PCC has stated that, in relation to the funding of the Force and the '
                                        'proposals for the budget, a period of stability with no or little change '
                                        'is considered prudent, and that this same concern is not reflected as '
                                        'regards partnership working.',
                                'response': 'It is not correct to say that the funding of the Force is stable '
                                            '(see Section 5 of the Plan). The downward trend continues, and the '
                                            'savings identified through 2012/13 have reduced the potential use of '
                                            'reserves that were previously envisaged as being needed to balance '
                                            'the budget. The Force Change Programme will identify further '
                                            'savings, the budget equalisation reserve will provide investment '
                                            'funds to enable change to occur, and the availability of the council '
                                            'tax freeze grant will enable me to avoid putting further financial '
                                            'pressure on council tax payers.\n'
                                            '\n'
                                            'I maintain that I have adopted the same rational approach to '
                                            'partnership funding for the first part of 2013/14. The financial '
                                            'backdrop of a £20m funding gap inherited by me puts in stark relief '
                                            'the need to consider value for money across all areas of provision – '
                                            'not just in policing but also the wider issues of community safety '
                                            'and criminal justice.'}]},
                     {'label': 'j',
                      'heading': '',
                      'text': "The Panel notes that the transformational change programme envisages 'further "
                              "outsourcing of service provision where this is appropriate'. The Panel therefore "
                              'asks the PCC to inform it, at the earliest opportunity, of the potential areas to '
                              'be considered for outsourcing.',
                      'response': 'As mentioned by the Chief Constable at the meeting, the Force already '
                                  'outsources some £8m of work, with a further £7m of services delivered in '
                                  'collaborative ventures with other forces. Further exploration of alternative '
                                  'delivery models will form part of the solution to the funding gap, and I will '
                                  'report on this to the Panel at appropriate intervals.',
                      'subs': []}]}
# fmt: on
